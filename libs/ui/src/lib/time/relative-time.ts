const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto', style: 'long' });

/** "just now", "5 minutes ago", "yesterday", "in 2 hours": how long ago `at` was, seen from `now`. */
export function relativeTime(at: string | Date, now: Date): string {
  const seconds = Math.round((new Date(at).getTime() - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  if (Number.isNaN(abs)) {
    return '';
  }
  if (abs < 45) {
    return 'just now';
  }
  for (const [unit, size] of UNITS) {
    if (abs >= size * 0.9 || unit === 'minute') {
      return format.format(Math.round(seconds / size), unit);
    }
  }
  return '';
}
