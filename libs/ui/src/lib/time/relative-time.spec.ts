import { relativeTime } from './relative-time';

describe('relativeTime', () => {
  const now = new Date('2026-03-10T12:00:00Z');

  it.each([
    ['2026-03-10T11:59:40Z', 'just now'],
    ['2026-03-10T11:55:00Z', '5 minutes ago'],
    ['2026-03-10T10:00:00Z', '2 hours ago'],
    ['2026-03-09T12:00:00Z', 'yesterday'],
    ['2026-03-03T12:00:00Z', 'last week'],
    ['2025-12-10T12:00:00Z', '3 months ago'],
    ['2026-03-10T14:00:00Z', 'in 2 hours'],
  ])('%s is "%s"', (at, expected) => {
    expect(relativeTime(at, now)).toBe(expected);
  });

  it('is empty for a value that is not a time', () => {
    expect(relativeTime('not a date', now)).toBe('');
  });
});
