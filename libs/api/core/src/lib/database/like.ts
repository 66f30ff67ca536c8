/**
 * LIKE patterns that mean what the user typed, on both dialects: `_` and `%` are escaped with `!`,
 * and every LIKE must say `ESCAPE '!'` (SQLite has no default escape character; MySQL's is `\`).
 */
export const LIKE_ESCAPE = "ESCAPE '!'";

export function likePattern(text: string, mode: 'contains' | 'prefix'): string {
  const escaped = text.replace(/[%_!]/g, '!$&');
  return mode === 'prefix' ? `${escaped}%` : `%${escaped}%`;
}
