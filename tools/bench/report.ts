import { percentile } from './load';
import type { Measurement } from './measure';

/** The acceptance bars: the whole api against the bare server, measured in the same run. */
export const MIN_THROUGHPUT_RATIO = 0.6;
export const MAX_P99_RATIO = 1.5;

export interface Summary {
  label: string;
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  queriesPerRequest: number;
  cpuMsPerRequest: number;
  dbCpuMsPerRequest: number;
}

/**
 * Rounds pooled: total requests over total measured time, percentiles over every latency. The
 * per-request costs (statements, server CPU, database CPU) divide by every request sent, warm-up
 * included, since the probes cannot tell warm-up from measurement apart.
 */
export function summarize(label: string, runs: Measurement[]): Summary {
  const results = runs.map((m) => m.load);
  const sent = results.reduce((s, r) => s + r.sent, 0);
  const perRequest = (total: number) => (sent > 0 ? total / sent : Number.NaN);
  const requests = results.reduce((s, r) => s + r.requests, 0);
  const seconds = results.reduce((s, r) => s + r.seconds, 0);
  const all = new Float64Array(requests);
  let at = 0;
  for (const r of results) {
    all.set(r.latenciesMs, at);
    at += r.latenciesMs.length;
  }
  all.sort();
  return {
    label,
    requests,
    errors: results.reduce((s, r) => s + r.errors, 0),
    rps: seconds > 0 ? requests / seconds : 0,
    p50: percentile(all, 50),
    p90: percentile(all, 90),
    p99: percentile(all, 99),
    max: all.length > 0 ? all[all.length - 1] : Number.NaN,
    queriesPerRequest: perRequest(runs.reduce((s, m) => s + m.queries, 0)),
    cpuMsPerRequest: perRequest(runs.reduce((s, m) => s + m.serverCpuUs, 0) / 1000),
    dbCpuMsPerRequest: runs.every((m) => m.dbCpuUs !== undefined) ? perRequest(runs.reduce((s, m) => s + (m.dbCpuUs ?? 0), 0) / 1000) : Number.NaN,
  };
}

const pad = (s: string, n: number) => s.padStart(n);
const ms = (v: number) => v.toFixed(2);

/**
 * Latency and throughput, then what each request cost: SQL statements, CPU in the server process,
 * and CPU in the database server (all of its clients: noisy on a shared machine, still telling).
 */
export function table(rows: Summary[]): string {
  const cols: [string, number, (r: Summary) => string][] = [
    ['req/s', 8, (r) => r.rps.toFixed(0)],
    ['p50 ms', 8, (r) => ms(r.p50)],
    ['p90 ms', 8, (r) => ms(r.p90)],
    ['p99 ms', 8, (r) => ms(r.p99)],
    ['max ms', 8, (r) => ms(r.max)],
    ['requests', 9, (r) => String(r.requests)],
    ['errors', 7, (r) => String(r.errors)],
    ['sql/req', 8, (r) => r.queriesPerRequest.toFixed(2)],
    ['cpu ms/req', 11, (r) => ms(r.cpuMsPerRequest)],
    ['db cpu ms/req', 14, (r) => (Number.isNaN(r.dbCpuMsPerRequest) ? 'n/a' : ms(r.dbCpuMsPerRequest))],
  ];
  const head = 'server'.padEnd(28) + cols.map(([h, w]) => pad(h, w)).join('');
  const lines = rows.map((r) => r.label.padEnd(28) + cols.map(([, w, f]) => pad(f(r), w)).join(''));
  return [head, '-'.repeat(head.length), ...lines].join('\n');
}

export interface Verdict {
  throughputRatio: number;
  p99Ratio: number;
  pass: boolean;
  lines: string[];
}

/** The two ratios the acceptance names, each with its bar; the spec parses these two lines. */
export function verdict(app: Summary, raw: Summary, name = 'api'): Verdict {
  const throughputRatio = app.rps / raw.rps;
  const p99Ratio = app.p99 / raw.p99;
  const tOk = throughputRatio >= MIN_THROUGHPUT_RATIO;
  const pOk = p99Ratio <= MAX_P99_RATIO;
  return {
    throughputRatio,
    p99Ratio,
    pass: tOk && pOk,
    lines: [
      `throughput ratio (${name} / raw): ${throughputRatio.toFixed(2)}x  (target >= ${MIN_THROUGHPUT_RATIO}x)  ${tOk ? 'PASS' : 'FAIL'}`,
      `p99 ratio (${name} / raw): ${p99Ratio.toFixed(2)}x  (target <= ${MAX_P99_RATIO}x)  ${pOk ? 'PASS' : 'FAIL'}`,
    ],
  };
}
