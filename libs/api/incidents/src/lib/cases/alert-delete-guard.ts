import type { DataSource } from 'typeorm';
import { ConflictError } from '@copilot/api-core';
import { Alert } from '../alerts/alert.entity';
import { CaseAlert } from './case-children.entities';

/**
 * Deletes an alert unless it is linked to a case: a linked alert is part of that case's record, so
 * the answer is a 409 naming the cases to unlink it from. The RESTRICT foreign key is the backstop
 * for a link made between the check and the delete; that race answers the same 409.
 */
export async function deleteAlertUnlessLinked(db: DataSource, alertId: number): Promise<void> {
  const linkedCases = async () => (await db.getRepository(CaseAlert).find({ where: { alertId }, order: { caseId: 'ASC' } })).map((l) => l.caseId);
  const refuse = (caseIds: number[]) =>
    new ConflictError(`Alert ${alertId} is linked to case${caseIds.length > 1 ? 's' : ''} ${caseIds.join(', ')}: unlink it before deleting it`);
  const before = await linkedCases();
  if (before.length > 0) throw refuse(before);
  try {
    await db.getRepository(Alert).delete({ id: alertId });
  } catch (err) {
    const now = await linkedCases();
    if (now.length > 0) throw refuse(now);
    throw err;
  }
}
