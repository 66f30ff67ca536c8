import { BadInputError, FieldProblem } from '@copilot/api-core';
import type { BulkAction, BulkAlertsDto } from './dto/bulk.dto';

type Field = 'status' | 'assigneeId' | 'tags' | 'caseId' | 'newCase';
const FIELDS: readonly Field[] = ['status', 'assigneeId', 'tags', 'caseId', 'newCase'];

/** The fields each action uses; `assigneeId` may be null (un-assign) but must be present. */
const USES: Record<BulkAction, readonly Field[]> = {
  status: ['status'],
  assign: ['assigneeId'],
  tag: ['tags'],
  untag: ['tags'],
  delete: [],
  merge: ['caseId', 'newCase'],
};

/**
 * Pure: the cross-field rules the decorators cannot state. Every problem is named at once, and
 * nothing has been written when this throws.
 */
export function checkBulkInput(dto: BulkAlertsDto): void {
  const problems: FieldProblem[] = [];
  const present = (f: Field) => dto[f] !== undefined;
  for (const f of FIELDS) {
    if (present(f) && !USES[dto.action].includes(f)) problems.push({ field: f, message: `not used by action ${dto.action}` });
  }
  if (dto.action === 'merge') {
    if (present('caseId') === present('newCase')) problems.push({ field: 'caseId', message: 'merge needs exactly one of caseId and newCase' });
  } else {
    for (const f of USES[dto.action]) if (!present(f)) problems.push({ field: f, message: `required by action ${dto.action}` });
  }
  if (problems.length > 0) throw new BadInputError(`Invalid bulk ${dto.action}: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, problems);
}
