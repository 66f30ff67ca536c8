import type { AlertEventDto as AlertEvent } from '@copilot/client';
import { describeAlertEvent } from './alert-timeline';

function event(kind: AlertEvent['kind'], fromValue: string | null, toValue: string | null): AlertEvent {
  return { id: 1, kind, fromValue, toValue, actorId: 1, actorUsername: 'dana', at: '2026-03-10T10:00:00Z' };
}

describe('describeAlertEvent', () => {
  const ctx = {
    userName: (id: number) => ({ 2: 'Dana Scully', 3: 'Fox Mulder' })[id] ?? `user #${id}`,
    comments: [
      {
        id: 9,
        alertId: 1,
        authorId: 1,
        authorUsername: 'dana',
        body: 'Checked the host;\nit is clean.',
        createdAt: '2026-03-10T10:00:00Z',
      },
    ],
  };

  it.each([
    [event('CREATED', null, 'OPEN'), 'created the alert'],
    [event('STATUS', 'OPEN', 'IN_PROGRESS'), 'changed status from Open to In progress'],
    [event('SEVERITY', 'Low', 'High'), 'changed severity from Low to High'],
    [event('ASSIGNEE', null, '2'), 'assigned Dana Scully'],
    [event('ASSIGNEE', '2', '3'), 'reassigned from Dana Scully to Fox Mulder'],
    [event('ASSIGNEE', '3', null), 'unassigned Fox Mulder'],
    [event('ASSIGNEE', null, '44'), 'assigned user #44'],
    [event('VERDICT', null, 'FALSE_POSITIVE/KNOWN_APPLICATION'), 'set the verdict to False positive (Known application)'],
    [event('VERDICT', 'TRUE_POSITIVE', null), 'cleared the verdict'],
    [event('TAGS', '["a"]', '["a","phishing"]'), 'added tag “phishing”'],
    [event('TAGS', '["a","b"]', '["c"]'), 'added tag “c” and removed tags “a”, “b”'],
    [event('ESCALATED', 'false', 'true'), 'escalated the alert'],
    [event('COMMENT', null, '9'), 'commented: “Checked the host; it is clean.”'],
    [event('COMMENT', null, '10'), 'commented'],
    [event('LINKED', null, '4'), 'linked the alert to case #4'],
    [event('UNLINKED', '4', null), 'unlinked the alert from case #4'],
    [event('MERGED', null, '5'), 'merged the alert into case #5'],
  ])('%o reads "%s"', (e, text) => {
    expect(describeAlertEvent(e, ctx)).toBe(text);
  });
});
