import { Body, Controller, Delete, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, ParseIdPipe, Principal, Scopes } from '@copilot/api-core';
import { CaseLinksService } from './case-links.service';
import { CaseWorkService } from './case-work.service';
import { CreateCaseCommentDto, LinkAlertsDto } from './dto/case-input.dto';
import { CaseCommentDto, CaseDetailDto } from './dto/case.dto';
import { CaseTaskDto, CreateCaseTaskDto, PatchCaseTaskDto } from './dto/case-task.dto';

/** What hangs off a case: linked alerts, comments, tasks. */
@ApiTags('Cases')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('incidents/cases/:id')
export class CaseItemsController {
  constructor(
    private readonly links: CaseLinksService,
    private readonly work: CaseWorkService,
  ) {}

  @Post('alerts')
  @HttpCode(200)
  @Scopes('admin', 'analyst', 'customer_user')
  @ApiOperation({ operationId: 'casesLinkAlerts', summary: 'Link alerts of the case\'s customer to the case (all or nothing)' })
  @ApiOkResponse({ type: CaseDetailDto })
  @ApiProblems(400, 404, 409)
  link(@Param('id', ParseIdPipe) id: number, @Body() dto: LinkAlertsDto, @CurrentPrincipal() p: Principal): Promise<CaseDetailDto> {
    return this.links.link(id, dto.alertIds, p);
  }

  @Delete('alerts/:alertId')
  @HttpCode(204)
  @Scopes('admin', 'analyst')
  @ApiOperation({ operationId: 'casesUnlinkAlert', summary: 'Unlink an alert from the case' })
  @ApiNoContentResponse({ description: 'Unlinked' })
  @ApiProblems(400, 404)
  async unlink(@Param('id', ParseIdPipe) id: number, @Param('alertId', ParseIdPipe) alertId: number, @CurrentPrincipal() p: Principal): Promise<void> {
    await this.links.unlink(id, alertId, p);
  }

  @Post('comments')
  @Scopes('admin', 'analyst', 'customer_user')
  @ApiOperation({ operationId: 'casesComment', summary: 'Comment on a case (author and time from the token and the server clock)' })
  @ApiCreatedResponse({ type: CaseCommentDto })
  @ApiProblems(400, 404)
  comment(@Param('id', ParseIdPipe) id: number, @Body() dto: CreateCaseCommentDto, @CurrentPrincipal() p: Principal): Promise<CaseCommentDto> {
    return this.work.comment(id, dto.body, p);
  }

  @Post('tasks')
  @Scopes('admin', 'analyst')
  @ApiOperation({ operationId: 'casesAddTask', summary: 'Add a task to a case' })
  @ApiCreatedResponse({ type: CaseTaskDto })
  @ApiProblems(400, 404)
  addTask(@Param('id', ParseIdPipe) id: number, @Body() dto: CreateCaseTaskDto, @CurrentPrincipal() p: Principal): Promise<CaseTaskDto> {
    return this.work.addTask(id, dto, p);
  }

  @Patch('tasks/:taskId')
  @Scopes('admin', 'analyst')
  @ApiOperation({ operationId: 'casesUpdateTask', summary: 'Update a task of a case (a mandatory task cannot be NOT_NECESSARY)' })
  @ApiOkResponse({ type: CaseTaskDto })
  @ApiProblems(400, 404)
  updateTask(
    @Param('id', ParseIdPipe) id: number,
    @Param('taskId', ParseIdPipe) taskId: number,
    @Body() dto: PatchCaseTaskDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<CaseTaskDto> {
    return this.work.patchTask(id, taskId, dto, p);
  }

  @Delete('tasks/:taskId')
  @HttpCode(204)
  @Scopes('admin', 'analyst')
  @ApiOperation({ operationId: 'casesDeleteTask', summary: 'Remove an optional task from a case (a mandatory one answers 409)' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiProblems(400, 404, 409)
  async removeTask(@Param('id', ParseIdPipe) id: number, @Param('taskId', ParseIdPipe) taskId: number, @CurrentPrincipal() p: Principal): Promise<void> {
    await this.work.deleteTask(id, taskId, p);
  }
}
