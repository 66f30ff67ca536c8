import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { prng, weighted } from './scenarios/scenario';

/** Which pages the clients ask for: random customer and status, sometimes the next page. */
export interface RequestMix {
  path: string;
  customerCodes: string[];
  statusMix: { value: string; weight: number }[];
  /** Chance a client follows the nextCursor of its last page instead of starting a new list. */
  followChance: number;
  /** Deepest page a client follows to before starting over. */
  maxDepth: number;
}

export interface LoadOptions {
  origin: string;
  headers: Record<string, string>;
  mix: RequestMix;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  /** Same seed for both servers: the same sequence of lists, statuses and page-follows. */
  seed: number;
}

export interface LoadResult {
  /** Measured requests (started inside the window). */
  requests: number;
  /** Every request sent, warm-up included: the denominator for the probe's per-request figures. */
  sent: number;
  errors: number;
  firstError?: string;
  seconds: number;
  latenciesMs: Float64Array;
}

/** The cursor sits at the end of the page; a search saves parsing 20 KB of JSON per reply on a 2-core box. */
function nextCursorOf(body: string): string | null {
  const at = body.lastIndexOf('"nextCursor":"');
  if (at < 0) return null;
  const start = at + '"nextCursor":"'.length;
  return body.slice(start, body.indexOf('"', start));
}

/**
 * A closed loop: `concurrency` clients over keep-alive connections, each sending its next request
 * as soon as the last answer has been read in full. A warm-up (JIT, pools, buffer pool) is run and
 * discarded; then every request that starts inside the measured window is timed to its last byte.
 */
export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const pool = new Pool(opts.origin, { connections: opts.concurrency, pipelining: 1, keepAliveTimeout: 60_000 });
  const begin = performance.now();
  const measureFrom = begin + opts.warmupMs;
  const measureTo = measureFrom + opts.durationMs;
  const latencies: number[] = [];
  let errors = 0;
  let sent = 0;
  let firstError: string | undefined;
  let lastDone = measureFrom;
  const { mix } = opts;

  const client = async (n: number): Promise<void> => {
    const rand = prng(opts.seed * 7919 + n);
    let cursor: string | null = null;
    let depth = 0;
    let base = '';
    for (let now = performance.now(); now < measureTo; now = performance.now()) {
      let path: string;
      if (cursor && depth < mix.maxDepth && rand() < mix.followChance) {
        path = `${base}&cursor=${cursor}`;
        depth++;
      } else {
        const customer = mix.customerCodes[Math.floor(rand() * mix.customerCodes.length)];
        base = `${mix.path}?customerCode=${customer}&status=${weighted(mix.statusMix, rand())}&limit=25`;
        path = base;
        depth = 0;
      }
      const { statusCode, body } = await pool.request({ method: 'GET', path, headers: opts.headers });
      const text = await body.text();
      const done = performance.now();
      sent++;
      cursor = statusCode === 200 ? nextCursorOf(text) : null;
      if (now < measureFrom) continue;
      if (statusCode !== 200) {
        errors++;
        firstError ??= `${statusCode} ${path}: ${text.slice(0, 300)}`;
      }
      latencies.push(done - now);
      if (done > lastDone) lastDone = done;
    }
  };

  try {
    await Promise.all(Array.from({ length: opts.concurrency }, (_, n) => client(n)));
  } finally {
    await pool.close();
  }
  return { requests: latencies.length, sent, errors, firstError, seconds: (lastDone - measureFrom) / 1000, latenciesMs: Float64Array.from(latencies) };
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
