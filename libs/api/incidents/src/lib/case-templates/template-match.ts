/**
 * How a new case picks its template. Sources compare case-insensitively (MariaDB's collation would
 * otherwise match "Wazuh" to "wazuh" while SQLite would not), so the key lower-cases them.
 */
export function matchKey(customerCode: string | null, source: string | null): string {
  return `${customerCode ?? ''}|${source ? source.toLowerCase() : ''}`;
}

/**
 * The keys to try for a case of this customer and source, most specific first:
 * customer+source, customer, source, default (neither). Duplicates are dropped when source is unset.
 */
export function candidateKeys(customerCode: string, source: string | null): string[] {
  const keys = [matchKey(customerCode, source), matchKey(customerCode, null), matchKey(null, source), matchKey(null, null)];
  return [...new Set(keys)];
}

/** The first candidate that has a template, in the order of `candidateKeys`. */
export function pickTemplate<T extends { matchKey: string }>(keys: readonly string[], found: readonly T[]): T | null {
  for (const key of keys) {
    const hit = found.find((t) => t.matchKey === key);
    if (hit) return hit;
  }
  return null;
}
