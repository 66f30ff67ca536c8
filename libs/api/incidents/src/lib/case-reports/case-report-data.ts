import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { TenantScope } from '@copilot/api-core';
import { Customer } from '@copilot/api-customers';
import { User } from '@copilot/api-users';
import { Alert } from '../alerts/alert.entity';
import { visibleCase } from '../case-files/case-access';
import { CaseFile } from '../case-files/case-file.entity';
import { CaseAlert, CaseComment, CaseEvent, CaseTask } from '../cases/case-children.entities';

/** Rows of each list a report carries; a case with more says so through its counts instead of growing without bound. */
export const REPORT_LIST_MAX = 1000;

/**
 * What a report shows of a case, flattened to strings: the DOCX templates use docxtemplater's default
 * parser, which resolves plain names only (`{caseName}`, loops like `{#alerts}{title}{/alerts}`).
 */
export interface CaseReportData {
  caseId: string;
  caseName: string;
  description: string;
  status: string;
  customerCode: string;
  customerName: string;
  assignee: string;
  escalated: string;
  source: string;
  createdAt: string;
  closedAt: string;
  generatedAt: string;
  alertCount: string;
  alerts: { id: string; title: string; severity: string; status: string; source: string; linkedAt: string }[];
  tasks: { title: string; status: string; mandatory: string; description: string }[];
  comments: { author: string; at: string; body: string }[];
  files: { name: string; size: string; sha256: string; uploadedBy: string; uploadedAt: string }[];
  timeline: { at: string; actor: string; kind: string; from: string; to: string }[];
}

const iso = (d: Date | null | undefined): string => (d ? d.toISOString() : '');

/** Reads one visible case and everything a report shows about it (404 outside the caller's customers). */
@Injectable()
export class CaseReportLoader {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async load(caseId: number, scope: TenantScope): Promise<CaseReportData> {
    const c = await visibleCase(this.db, caseId, scope);
    const take = REPORT_LIST_MAX;
    const [customer, assignee, alertCount, links, tasks, comments, files, events] = await Promise.all([
      this.db.getRepository(Customer).findOneBy({ customerCode: c.customerCode }),
      c.assigneeId === null ? null : this.db.getRepository(User).findOne({ where: { id: c.assigneeId }, select: { id: true, username: true } }),
      this.db.getRepository(CaseAlert).countBy({ caseId }),
      this.db.getRepository(CaseAlert).find({ where: { caseId }, order: { linkedAt: 'ASC', alertId: 'ASC' }, take }),
      this.db.getRepository(CaseTask).find({ where: { caseId }, order: { id: 'ASC' }, take }),
      this.db.getRepository(CaseComment).find({ where: { caseId }, order: { id: 'ASC' }, take }),
      this.db.getRepository(CaseFile).find({ where: { caseId, state: 'ACTIVE' }, order: { createdAt: 'ASC', id: 'ASC' }, take }),
      this.db.getRepository(CaseEvent).find({ where: { caseId }, order: { id: 'ASC' }, take }),
    ]);
    const byId = new Map((links.length === 0 ? [] : await this.db.getRepository(Alert).findBy({ id: In(links.map((l) => l.alertId)) })).map((a) => [a.id, a]));
    const alerts = links.flatMap((l) => {
      const a = byId.get(l.alertId);
      return a ? [{ id: String(a.id), title: a.title, severity: a.severity, status: a.status, source: a.source, linkedAt: iso(l.linkedAt) }] : [];
    });
    return {
      caseId: String(c.id), caseName: c.name, description: c.description ?? '', status: c.status, customerCode: c.customerCode, customerName: customer?.name ?? '',
      assignee: assignee?.username ?? '', escalated: c.escalated ? 'yes' : 'no', source: c.source ?? '', createdAt: iso(c.createdAt), closedAt: iso(c.closedAt),
      generatedAt: new Date().toISOString(), alertCount: String(alertCount),
      alerts,
      tasks: tasks.map((t) => ({ title: t.title, status: t.status, mandatory: t.mandatory ? 'yes' : 'no', description: t.description ?? '' })),
      comments: comments.map((m) => ({ author: m.authorUsername, at: iso(m.createdAt), body: m.body })),
      files: files.map((f) => ({ name: f.name, size: String(f.size), sha256: f.sha256, uploadedBy: f.uploadedBy, uploadedAt: iso(f.createdAt) })),
      timeline: events.map((e) => ({ at: iso(e.at), actor: e.actorUsername ?? '', kind: e.kind, from: e.fromValue ?? '', to: e.toValue ?? '' })),
    };
  }
}
