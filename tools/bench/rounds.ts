import type { RequestMix } from './load';
import { measureServer, type Measurement } from './measure';
import type { ServerProcess } from './processes';

/** A server under load: the baseline, the api, or a candidate build of the api. */
export interface Target {
  key: string;
  label: string;
  proc: ServerProcess;
  headers: Record<string, string>;
}

export interface RoundOptions {
  mix: RequestMix;
  rounds: number;
  concurrency: number;
  warmupSeconds: number;
  seconds: number;
  log: (line: string) => void;
}

/**
 * Every target once per round, the order rotated each round (raw, api / api, raw / ...), so drift
 * on a shared machine (someone's build starting halfway) lands on all targets alike. A round uses
 * the same seed for every target: the same lists, statuses and page-follows.
 */
export async function timedRounds(targets: Target[], opts: RoundOptions): Promise<Map<string, Measurement[]>> {
  const results = new Map<string, Measurement[]>(targets.map((t) => [t.key, []]));
  for (let round = 0; round < opts.rounds; round++) {
    const order = targets.map((_, i) => targets[(i + round) % targets.length]);
    for (const target of order) {
      const m = await measureServer(target.proc, {
        headers: target.headers,
        mix: opts.mix,
        concurrency: opts.concurrency,
        warmupMs: opts.warmupSeconds * 1000,
        durationMs: opts.seconds * 1000,
        seed: round + 1,
      });
      results.get(target.key)?.push(m);
      const r = m.load;
      opts.log(`round ${round + 1} ${target.key.padEnd(9)}: ${(r.requests / r.seconds).toFixed(0)} req/s over ${r.seconds.toFixed(1)} s, ${r.errors} errors`);
    }
  }
  return results;
}

/** `--show-queries`: the statements a server sent per request, most frequent first. */
export function logShapes(label: string, runs: Measurement[], log: (line: string) => void): void {
  const sent = runs.reduce((s, m) => s + m.load.sent, 0);
  const totals = new Map<string, number>();
  for (const m of runs) for (const [shape, n] of Object.entries(m.shapes ?? {})) totals.set(shape, (totals.get(shape) ?? 0) + n);
  log(`\n${label}: SQL statements per request`);
  for (const [shape, n] of [...totals].sort((a, b) => b[1] - a[1])) log(`  ${(n / sent).toFixed(3).padStart(7)}  ${shape}`);
}
