import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConflictError, NotFoundError, Principal } from '@copilot/api-core';
import { CaseComment, CaseTask } from './case-children.entities';
import { toCaseCommentDto, toCaseTaskDto } from './case.mapper';
import { CaseReader } from './case-reader';
import { CaseWriter } from './case-writer';
import { CaseCommentDto } from './dto/case.dto';
import { CaseTaskDto, CreateCaseTaskDto, PatchCaseTaskDto } from './dto/case-task.dto';
import { assertTaskState, planTaskPatch } from './task-patch';

/** Comments and tasks of a case, each write with its timeline event in one transaction. */
@Injectable()
export class CaseWorkService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reader: CaseReader,
    private readonly writer: CaseWriter,
  ) {}

  async comment(caseId: number, body: string, actor: Principal): Promise<CaseCommentDto> {
    await this.reader.visible(caseId, actor.scope);
    const id = await this.db.transaction(async (tx) => {
      const res = await tx.getRepository(CaseComment).insert({ caseId, authorId: actor.id, authorUsername: actor.username, body });
      const newId = Number(res.identifiers[0]['id']);
      await this.writer.events(tx, caseId, actor, new Date(), [{ kind: 'COMMENT', refId: newId, fromValue: null, toValue: null }]);
      return newId;
    });
    return toCaseCommentDto(await this.db.getRepository(CaseComment).findOneByOrFail({ id }));
  }

  async addTask(caseId: number, dto: CreateCaseTaskDto, actor: Principal): Promise<CaseTaskDto> {
    await this.reader.visible(caseId, actor.scope);
    const mandatory = dto.mandatory ?? false;
    const status = dto.status ?? 'TODO';
    assertTaskState(mandatory, status);
    const id = await this.db.transaction(async (tx) => {
      const res = await tx.getRepository(CaseTask).insert({ caseId, title: dto.title, description: dto.description ?? null, mandatory, status });
      const newId = Number(res.identifiers[0]['id']);
      await this.writer.events(tx, caseId, actor, new Date(), [{ kind: 'TASK_ADDED', refId: newId, fromValue: null, toValue: dto.title }]);
      return newId;
    });
    return toCaseTaskDto(await this.db.getRepository(CaseTask).findOneByOrFail({ id }));
  }

  async patchTask(caseId: number, taskId: number, dto: PatchCaseTaskDto, actor: Principal): Promise<CaseTaskDto> {
    const task = await this.task(caseId, taskId, actor);
    const plan = planTaskPatch(task, dto);
    if (plan.events.length > 0) {
      await this.db.transaction(async (tx) => {
        await tx.getRepository(CaseTask).update({ id: taskId, caseId }, plan.set);
        await this.writer.events(tx, caseId, actor, new Date(), plan.events);
      });
    }
    return toCaseTaskDto(await this.db.getRepository(CaseTask).findOneByOrFail({ id: taskId }));
  }

  /** A mandatory task is part of the case's procedure: it can be done, not removed. */
  async deleteTask(caseId: number, taskId: number, actor: Principal): Promise<void> {
    const task = await this.task(caseId, taskId, actor);
    if (task.mandatory) throw new ConflictError(`Task ${taskId} is mandatory and cannot be removed; mark it DONE, or make it optional first`);
    await this.db.transaction(async (tx) => {
      await tx.getRepository(CaseTask).delete({ id: taskId, caseId });
      await this.writer.events(tx, caseId, actor, new Date(), [{ kind: 'TASK_REMOVED', refId: taskId, fromValue: task.title, toValue: null }]);
    });
  }

  /** The case's tenancy first, so a task id of another customer's case is the same 404. */
  private async task(caseId: number, taskId: number, actor: Principal): Promise<CaseTask> {
    await this.reader.visible(caseId, actor.scope);
    const task = await this.db.getRepository(CaseTask).findOneBy({ id: taskId, caseId });
    if (!task) throw new NotFoundError(`Task ${taskId} not found in case ${caseId}`);
    return task;
  }
}
