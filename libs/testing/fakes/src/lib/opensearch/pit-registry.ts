import { randomBytes } from 'node:crypto';
import type { DocView } from './field-values';
import type { IndexState } from './index-store';
import { badRequest, OpenSearchError } from './os-errors';

/**
 * Point-in-time contexts (OpenSearch 2.x, search-plugins/searching-data/point-in-time-api). A PIT is a frozen
 * view: it captures the document versions present when it was opened, so later writes are invisible through it.
 */
export interface PitContext {
  readonly id: string;
  readonly indices: string[];
  readonly views: DocView[];
  readonly createdAt: number;
  keepAliveMs: number;
  expiresAt: number;
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1e3, m: 60e3, h: 3600e3, d: 86400e3 };
/** `point_in_time.max_keep_alive` default. */
const MAX_KEEP_ALIVE_MS = 24 * 3600e3;

/** Parses an OpenSearch time value such as `1m`, `30s`, `500ms`. */
export function parseKeepAlive(value: unknown): number {
  const match = typeof value === 'string' ? /^(\d+)(ms|s|m|h|d)$/.exec(value.trim()) : null;
  if (!match) throw badRequest(`failed to parse setting [keep_alive] with value [${String(value)}] as a time value`);
  const ms = Number(match[1]) * UNIT_MS[match[2]];
  if (ms > MAX_KEEP_ALIVE_MS) {
    throw badRequest(`Keep alive for request (${String(value)}) is too large. It must be less than (24h).`);
  }
  return ms;
}

export class PitRegistry {
  private readonly pits = new Map<string, PitContext>();
  private counter = 0;

  open(indices: IndexState[], keepAliveMs: number): PitContext {
    const views = indices.flatMap((index) => [...index.docs.values()].map((doc) => ({ index: index.name, doc })));
    const id = Buffer.from(`fake-pit:${++this.counter}:${randomBytes(12).toString('hex')}`).toString('base64');
    const now = Date.now();
    const pit: PitContext = {
      id,
      indices: indices.map((i) => i.name),
      views,
      createdAt: now,
      keepAliveMs,
      expiresAt: now + keepAliveMs,
    };
    this.pits.set(id, pit);
    return pit;
  }

  /** The live PIT, its lifetime extended by `extendMs` when given; a missing or expired one is a 404. */
  use(id: string, extendMs?: number): PitContext {
    this.expire();
    const pit = this.pits.get(id);
    if (!pit)
      throw new OpenSearchError(404, 'search_context_missing_exception', `No search context found for id [${id}]`);
    if (extendMs !== undefined) {
      pit.keepAliveMs = extendMs;
      pit.expiresAt = Date.now() + extendMs;
    }
    return pit;
  }

  close(id: string): boolean {
    this.expire();
    return this.pits.delete(id);
  }

  closeAll(): string[] {
    const ids = [...this.pits.keys()];
    this.pits.clear();
    return ids;
  }

  list(): PitContext[] {
    this.expire();
    return [...this.pits.values()];
  }

  private expire(): void {
    const now = Date.now();
    for (const [id, pit] of this.pits) if (pit.expiresAt <= now) this.pits.delete(id);
  }
}
