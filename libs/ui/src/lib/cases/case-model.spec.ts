import type { CaseEventDto } from '@copilot/client';
import { describeCaseEvent } from './case-model';

function event(kind: CaseEventDto['kind'], fromValue: string | null, toValue: string | null, refId: number | null = null): CaseEventDto {
  return { id: 1, kind, fromValue, toValue, refId, actorId: 1, actorUsername: 'dana', at: '2026-03-10T10:00:00Z' };
}

describe('describeCaseEvent', () => {
  const ctx = {
    userName: (id: number) => ({ 2: 'Dana Scully', 3: 'Fox Mulder' })[id] ?? 'an analyst',
    taskTitle: (id: number) => (id === 7 ? 'Reset the password' : null),
    commentBody: (id: number) => (id === 9 ? 'Host isolated;\nwaiting for the image.' : null),
    alertTitle: (id: number) => (id === 12 ? 'Ransomware canary modified' : null),
  };

  it.each([
    [event('CREATED', null, 'OPEN'), 'created the case'],
    [event('TEMPLATE_APPLIED', null, 'Phishing', 4), 'applied the template “Phishing”'],
    [event('STATUS', 'OPEN', 'IN_PROGRESS'), 'changed status from Open to In progress'],
    [event('ASSIGNEE', null, '2'), 'assigned Dana Scully'],
    [event('ASSIGNEE', '2', '3'), 'reassigned from Dana Scully to Fox Mulder'],
    [event('ASSIGNEE', '44', null), 'unassigned an analyst'],
    [event('NAME', 'Old', 'Phishing wave in finance'), 'renamed the case to “Phishing wave in finance”'],
    [event('DESCRIPTION', null, null), 'edited the description'],
    [event('ESCALATED', 'false', 'true'), 'escalated the case'],
    [event('LINKED', null, null, 12), 'linked alert #12 “Ransomware canary modified”'],
    [event('UNLINKED', null, null, 13), 'unlinked alert #13'],
    [event('ALERTS_CLOSED', null, '3'), 'closed 3 linked alerts'],
    [event('COMMENT', null, null, 9), 'commented: “Host isolated; waiting for the image.”'],
    [event('COMMENT', null, null, 10), 'commented'],
    [event('TASK_ADDED', null, 'Collect logs', 8), 'added the task “Collect logs”'],
    [event('TASK_UPDATED', null, 'title,mandatory', 7), 'edited the task “Reset the password” (title, mandatory)'],
    [event('TASK_STATUS', 'TODO', 'DONE', 7), 'set the task “Reset the password” from To do to Done'],
    [event('TASK_STATUS', 'TODO', 'NOT_NECESSARY', 99), 'set the task #99 from To do to Not necessary'],
    [event('TASK_REMOVED', 'Collect logs', null, 8), 'removed the task “Collect logs”'],
    [event('FILE_ADDED', null, 'mail-headers.eml'), 'uploaded “mail-headers.eml”'],
    [event('FILE_REMOVED', 'mail-headers.eml', null), 'deleted the file “mail-headers.eml”'],
  ])('%o reads "%s"', (e, text) => {
    expect(describeCaseEvent(e, ctx)).toBe(text);
  });

  it('still says something for a kind this build does not know', () => {
    const unknown = { ...event('CREATED', null, null), kind: 'ARCHIVED' } as unknown as CaseEventDto;
    expect(describeCaseEvent(unknown, ctx)).toBe('changed the case (archived)');
  });
});
