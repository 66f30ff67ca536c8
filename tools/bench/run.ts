import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { BenchArgs } from './args';
import { createTenants, signIn } from './api-setup';
import type { RequestMix } from './load';
import { buildApi, randomKey, ServerProcess, startApi, startRawServer } from './processes';
import { summarize, table, verdict, type Verdict } from './report';
import { logShapes, Target, timedRounds } from './rounds';
import { assertSamePages } from './same-pages';
import { releaseOnSignal, Resources, type Log } from './resources';
import { createScratchDatabase, ScratchDatabase } from './scratch-db';
import type { ListScenario } from './scenarios/scenario';

const secs = (t0: number) => ((Date.now() - t0) / 1000).toFixed(1);
const tail = (p: ServerProcess) => p.output().split('\n').slice(-30).join('\n');

/**
 * One list benchmark, end to end: scratch database, the built api booted on it, tenants through
 * the api, rows bulk-loaded, the bare baseline beside it, a same-page check, then rotating timed
 * rounds of every server under the same load, and the ratios. Returns the api's verdict; throws
 * when the run itself went wrong (a failed request, a page that differs).
 */
export async function runListBench(args: BenchArgs, scenario: ListScenario, log: Log): Promise<Verdict> {
  const res = new Resources();
  const unhook = releaseOnSignal(res, log, 'stopping the servers and dropping the database');
  try {
    if (args.build) buildApi(log);
    const db = await createScratchDatabase(args.mysqlUrl, args.database);
    res.add(() => db.drop().then(() => log(`dropped database ${db.name}`)));
    const dataDir = mkdtempSync(join(tmpdir(), 'copilot-bench-'));
    res.add(async () => rmSync(dataDir, { recursive: true, force: true }));
    // Both servers profiled alike, so a hot spot in the api can be held against the baseline's.
    const profile = (name: string) => (args.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${resolve(args.cpuProf)}`, `--cpu-prof-name=${name}.cpuprofile`] : []);
    if (args.cpuProf) mkdirSync(resolve(args.cpuProf), { recursive: true });
    const probeEnv: Record<string, string> = args.showQueries ? { BENCH_PROBE_SQL: '1' } : {};
    const adminPassword = randomKey().replace(/[^A-Za-z0-9]/g, '').slice(0, 32);
    // One set of install secrets: a candidate build on the same database accepts the same token.
    const apiEnv = { DATABASE_URL: db.url, COPILOT_DATA_DIR: dataDir, JWT_SECRET: randomKey(), COPILOT_ENCRYPTION_KEY: randomKey(), COPILOT_ADMIN_PASSWORD: adminPassword, ...probeEnv };
    let t0 = Date.now();
    const api = await startApi(apiEnv, profile('api'), args.apiMain ? resolve(args.apiMain) : undefined);
    res.add(() => api.stop());
    log(`api booted on database ${db.name} (migrations applied) in ${secs(t0)} s: ${api.url}`);
    const tenants = await createTenants(api.url, adminPassword, args.customers, args.logoKb);
    log(`created ${tenants.customerCodes.length} customers and analyst "${tenants.analystUsername}" (limited to them) through the api`);

    t0 = Date.now();
    log(`loading ${args.rows.toLocaleString('en-US')} ${scenario.noun} with multi-row INSERTs...`);
    await loadRows(db, args, scenario, tenants.customerCodes, [tenants.analystId], log);
    log(`loaded ${args.rows.toLocaleString('en-US')} ${scenario.noun} in ${secs(t0)} s`);

    const raw = await startRawServer({ BENCH_SCENARIO: scenario.name, BENCH_MYSQL_URL: args.mysqlUrl, BENCH_DATABASE: db.name, ...probeEnv }, profile('raw'));
    res.add(() => raw.stop());
    const auth = { authorization: `Bearer ${await signIn(api.url, tenants.analystUsername, tenants.analystPassword)}` };
    const targets: Target[] = [
      { key: 'raw', label: 'raw node:http + mysql2', proc: raw, headers: {} },
      { key: 'api', label: 'api (Nest+Fastify, TypeORM)', proc: api, headers: auth },
    ];
    if (args.candidate) {
      const candidate = await startApi(apiEnv, profile('candidate'), resolve(args.candidate));
      res.add(() => candidate.stop());
      targets.push({ key: 'candidate', label: `candidate ${basename(args.candidate)}`.slice(0, 27), proc: candidate, headers: auth });
      log(`candidate build ${args.candidate} booted on the same database: ${candidate.url}`);
    }

    const mix: RequestMix = { path: scenario.path, customerCodes: tenants.customerCodes, statusMix: scenario.statusMix, followChance: 0.3, maxDepth: 4 };
    for (const t of targets.slice(1)) {
      const checked = await assertSamePages(t.proc.url, raw.url, t.headers, mix).catch((err: unknown) => {
        // A 500 says nothing without the server's log: attach the tail of both.
        throw new Error(`${err instanceof Error ? err.message : String(err)}\n--- ${t.key} output ---\n${tail(t.proc)}\n--- baseline output ---\n${tail(raw)}`);
      });
      log(`same-page check: ${checked} pages byte-identical from ${t.key} and raw`);
    }

    const results = await timedRounds(targets, { mix, rounds: args.rounds, concurrency: args.concurrency, warmupSeconds: args.warmup, seconds: args.seconds, log });
    const summaries = targets.map((t) => summarize(t.label, results.get(t.key) ?? []));
    log('');
    log(`${scenario.name}: ${args.rows.toLocaleString('en-US')} ${scenario.noun} over ${args.customers} customers, concurrency ${args.concurrency}, ${args.rounds} x ${args.seconds} s per server (warm-up ${args.warmup} s)`);
    // Other work on a shared machine moves every figure; the load average says how much there was.
    log(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} (1/5/15 min) at the end of the rounds`);
    log(table(summaries));
    const verdicts = summaries.slice(1).map((s, i) => verdict(s, summaries[0], targets[i + 1].key));
    for (const line of verdicts.flatMap((v) => v.lines)) log(line);
    if (args.showQueries) for (const t of targets) logShapes(t.key, results.get(t.key) ?? [], log);
    const failed = [...results.values()].flat().find((m) => m.load.errors > 0);
    if (failed) throw new Error(`requests failed during the run (first: ${failed.load.firstError ?? 'unknown'})`);
    return verdicts[0];
  } finally {
    await res.release(log);
    unhook();
  }
}

async function loadRows(db: ScratchDatabase, args: BenchArgs, scenario: ListScenario, customerCodes: string[], userIds: number[], log: Log): Promise<void> {
  // Two connections: one batch is built and escaped in Node while the other is stored by MariaDB.
  const conns = [await db.connect(), await db.connect()];
  try {
    await scenario.load({ conns, rows: args.rows, customerCodes, userIds, log });
  } finally {
    await Promise.all(conns.map((c) => c.end()));
  }
}
