import type { Connection, Pool } from 'mysql2/promise';

/** What the bare baseline server is asked: the same query string the api gets. */
export interface PageRequest {
  customerCode: string;
  status: string;
  /** Decoded keyset values of the api's cursor: [lastEventAt, id] (or null for the first page). */
  after: [Date, number] | null;
  limit: number;
}

export interface LoadContext {
  /** Connections into the scratch database (the loader runs one batch on each at a time). */
  conns: Connection[];
  rows: number;
  customerCodes: string[];
  /** Ids of real users (created through the api) that rows may be assigned to. */
  userIds: number[];
  log: (line: string) => void;
}

/**
 * One list benchmark: how to fill its table fast, and how a bare server answers its page. A new
 * list (cases, say) is one more file implementing this, registered in scenarios/index.ts.
 */
export interface ListScenario {
  name: string;
  /** Plural noun for the report ("alerts"). */
  noun: string;
  /** The api route; the baseline server answers the same path and query. */
  path: string;
  /** Status filter values with how often the load generator asks for each. */
  statusMix: { value: string; weight: number }[];
  /** Bulk-loads `rows` rows directly with multi-row INSERTs (the api is not involved). */
  load(ctx: LoadContext): Promise<void>;
  /** The baseline's answer: the same JSON page the api gives, built with plain mysql2. */
  rawPage(pool: Pool, req: PageRequest): Promise<{ items: unknown[]; nextCursor: string | null }>;
}

/** The api's cursor encoding (libs/api/core/src/lib/http/list.ts): base64url JSON of the keyset values. */
export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** Decodes a [timestamp, id] keyset cursor; null when it is not one. */
export function decodeTimeIdCursor(cursor: string): [Date, number] | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && Number.isInteger(v[1])) {
      const at = new Date(v[0]);
      if (!Number.isNaN(at.getTime())) return [at, v[1] as number];
    }
  } catch {
    // not a cursor: the caller answers 400
  }
  return null;
}

/** Deterministic PRNG (mulberry32): the same seed gives both servers the same request sequence. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks from weighted values with a [0,1) random number. */
export function weighted<T>(items: readonly { value: T; weight: number }[], r: number): T {
  const total = items.reduce((s, i) => s + i.weight, 0);
  let x = r * total;
  for (const item of items) {
    x -= item.weight;
    if (x < 0) return item.value;
  }
  return items[items.length - 1].value;
}
