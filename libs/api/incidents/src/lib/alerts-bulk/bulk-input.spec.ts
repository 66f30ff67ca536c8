import { BadInputError } from '@copilot/api-core';
import { checkBulkInput } from './bulk-input';
import type { BulkAlertsDto } from './dto/bulk.dto';

const fields = (dto: Partial<BulkAlertsDto>): string[] => {
  try {
    checkBulkInput({ ids: [1], ...dto } as BulkAlertsDto);
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(BadInputError);
    return (err as BadInputError).errors.map((e) => e.field);
  }
};

describe('checkBulkInput', () => {
  it('requires the field each action uses', () => {
    expect(fields({ action: 'status' })).toEqual(['status']);
    expect(fields({ action: 'assign' })).toEqual(['assigneeId']);
    expect(fields({ action: 'tag' })).toEqual(['tags']);
    expect(fields({ action: 'untag', tags: ['x'] })).toEqual([]);
    expect(fields({ action: 'assign', assigneeId: null })).toEqual([]);
    expect(fields({ action: 'delete' })).toEqual([]);
  });

  it('refuses fields another action would use, naming each', () => {
    expect(fields({ action: 'delete', status: 'OPEN', tags: ['x'] })).toEqual(['status', 'tags']);
    expect(fields({ action: 'status', status: 'CLOSED', caseId: 3 })).toEqual(['caseId']);
  });

  it('merges into exactly one of an existing or a new case', () => {
    expect(fields({ action: 'merge' })).toEqual(['caseId']);
    expect(fields({ action: 'merge', caseId: 1, newCase: { name: 'n' } })).toEqual(['caseId']);
    expect(fields({ action: 'merge', newCase: { name: 'n' } })).toEqual([]);
    expect(fields({ action: 'merge', caseId: 4, status: 'OPEN' })).toEqual(['status']);
  });
});
