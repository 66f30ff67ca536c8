import type { DataSource } from 'typeorm';
import { assertVisible, type TenantScope } from '@copilot/api-core';
import { Case } from '../cases/case.entity';

/**
 * The cases domain's tenancy rule (CaseReader.visible), applied with the shared helper: a case of
 * another customer answers exactly like a missing one, 404. CaseReader is not exported by
 * IncidentsModule, so the evidence and report modules read the row themselves.
 */
export async function visibleCase(db: DataSource, id: number, scope: TenantScope): Promise<Case> {
  return assertVisible(await db.getRepository(Case).findOneBy({ id }), scope, (c) => c.customerCode, 'Case', id);
}
