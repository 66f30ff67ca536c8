import { taskStatusesFor } from './case-model';

describe('taskStatusesFor', () => {
  it('leaves "Not necessary" out for a mandatory task only', () => {
    expect(taskStatusesFor({ mandatory: true })).toEqual(['TODO', 'DONE']);
    expect(taskStatusesFor({ mandatory: false })).toEqual(['TODO', 'DONE', 'NOT_NECESSARY']);
  });
});
