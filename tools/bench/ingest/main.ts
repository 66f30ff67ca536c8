/**
 * `npm run bench:ingest -- [--docs 10000,200000] [--batch 500] [--rounds 2] [--mix zipf|uniform] [--buffer-pool compose|server|<size>]
 *   [--mysql mysql://root@127.0.0.1:3306]`
 *
 * The ingestion pipeline (map, attribute, dedup, alerts, assets, IoCs, context, origin keys, cursor) into
 * MariaDB, fed from documents generated in memory, against a raw mysql2 multi-row INSERT of the very rows it
 * wrote, in the same run. Prints docs/s, the ratio (target >= 0.5x, and >= 2000 docs/s) and peak memory per
 * backlog size (target: flat from 10k to 1M). Both sides run with the InnoDB buffer pool docker-compose gives
 * production (the server's own size is put back after; `--buffer-pool server` keeps it as it is). Not a timed
 * test: exit 0 whatever the figures.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ensureMysqlDatabase, LeaseService, type DatabaseConfig } from '@copilot/api-core';
import type { WazuhIndexerClientFactory } from '@copilot/api-connectors';
import { Customer } from '@copilot/api-customers';
import { AlertSource, IngestionFaults, SourcePassService } from '@copilot/api-incidents';
import { createDataSource } from '../../../apps/api/src/database/data-source';
import { createScratchDatabase, type ScratchDatabase } from '../scratch-db';
import { BENCH_CUSTOMERS, KEY_MIXES, MemoryIndexer, type KeyMix } from './documents';
import { rawInsertMs } from './raw-insert';
import { dbServerCpuReader } from '../measure';
import { type CpuSpent, cpuSpentSince } from './cpu';
import { releaseOnSignal, Resources } from '../resources';
import { type BufferPoolNote, composeBufferPoolBytes, sizeBytes, withBufferPool } from './buffer-pool';

interface Flags {
  sizes: number[];
  batch: number;
  mysql: string;
  /** Each size is measured this many times; the best rate of each side counts (a shared machine is noisy). */
  rounds: number;
  mix: KeyMix;
  /** The InnoDB buffer pool to measure with: compose's production size (default), the server's own, or bytes. */
  bufferPool?: number | 'server';
}

function parseFlags(argv: string[]): Flags {
  const flags: Flags = { sizes: [10_000, 200_000], batch: 500, rounds: 2, mix: 'zipf', mysql: process.env['TEST_MYSQL_URL'] ?? 'mysql://root@127.0.0.1:3306' };
  for (let i = 0; i < argv.length; i += 2) {
    const [name, value] = [argv[i], argv[i + 1] ?? ''];
    if (name === '--docs') flags.sizes = value.split(',').map(Number);
    else if (name === '--batch') flags.batch = Number(value);
    else if (name === '--mysql') flags.mysql = value;
    else if (name === '--rounds') flags.rounds = Number(value);
    else if (name === '--mix' && (KEY_MIXES as readonly string[]).includes(value)) flags.mix = value as KeyMix;
    else if (name === '--buffer-pool') flags.bufferPool = value === 'server' ? 'server' : value === 'compose' ? composeBufferPoolBytes() : sizeBytes(value);
    else throw new Error(`unknown flag ${name}`);
  }
  if (flags.sizes.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(flags.batch) || flags.batch < 1) throw new Error('--docs and --batch take positive integers');
  return flags;
}

async function migrated(scratch: ScratchDatabase): Promise<DataSource> {
  // As the api boots: learn whether the server is MariaDB or MySQL (their SQL differs in places) first.
  const db: DatabaseConfig = { type: 'mysql', url: scratch.url, database: scratch.name };
  await ensureMysqlDatabase(db);
  const ds = createDataSource(db);
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  return ds;
}

/**
 * How often memory is sampled while the pass runs, besides once half-way through the backlog (so a run of a
 * second is seen mid-flight as a long one is): every second for the first few, then every few. Each sample forces a full collection of a heap of 100 MB or more (a tenth of a
 * second): its time is taken off the pass, but it also moves what the pass had in flight to the old generation,
 * a cost that cannot be taken off; sampled every few seconds, that stays small.
 */
const SAMPLE_EARLY_MS = 1_000;
const SAMPLE_MS = 5_000;

/**
 * Peak RSS, and the peak of the heap still in use after a full GC (retained memory, which is what must stay
 * flat as the backlog grows; the heap before collection only shows how lazily V8 collects), sampled as
 * SAMPLE_EARLY_MS and SAMPLE_MS say. The forced collections are the harness's cost, not the pipeline's: their time is returned so the
 * caller can take it off the measured pass.
 */
async function withPeakMemory<T>(work: (sample: () => void) => Promise<T>): Promise<{ value: T; rssMb: number; heapMb: number; gcMs: number }> {
  let rss = 0;
  let heap = 0;
  let gcMs = 0;
  const sample = () => {
    const t0 = process.hrtime.bigint();
    global.gc?.();
    gcMs += Number(process.hrtime.bigint() - t0) / 1e6;
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  };
  sample();
  const started = Date.now();
  let last = started;
  const timer = setInterval(() => {
    const now = Date.now();
    if (now - started > SAMPLE_MS && now - last < SAMPLE_MS) return;
    last = now;
    sample();
  }, SAMPLE_EARLY_MS);
  try {
    const value = await work(sample);
    sample();
    return { value, rssMb: rss / 2 ** 20, heapMb: heap / 2 ** 20, gcMs };
  } finally {
    clearInterval(timer);
  }
}

export interface IngestFigures {
  docs: number;
  pipelineDocsPerSec: number;
  rawDocsPerSec: number;
  ratio: number;
  rows: number;
  created: number;
  bumped: number;
  unattributed: number;
  peakRssMb: number;
  peakHeapMb: number;
  /** CPU of each side (this process, the database server) per 1,000 documents: where the time goes. */
  pipelineCpu: CpuSpent;
  rawCpu: CpuSpent;
}

const perThousand = (cpu: CpuSpent, docs: number): CpuSpent => ({ nodeMs: (cpu.nodeMs * 1000) / docs, dbMs: (cpu.dbMs * 1000) / docs });

export async function measure(docs: number, flags: Flags, res = new Resources()): Promise<IngestFigures> {
  const [pipelineDb, rawDb] = [await createScratchDatabase(flags.mysql), await createScratchDatabase(flags.mysql)];
  // Dropping is idempotent: the finally below drops them on the way out, a Ctrl-C through res.
  for (const db of [pipelineDb, rawDb]) res.add(() => db.drop());
  try {
    const ds = await migrated(pipelineDb);
    const customers = BENCH_CUSTOMERS.map((code) => ({ customerCode: code, name: code, active: true }));
    const rawDs = await migrated(rawDb);
    await rawDs.getRepository(Customer).insert(customers);
    await rawDs.destroy();
    await ds.getRepository(Customer).insert(customers);
    const source = await ds.getRepository(AlertSource).save(ds.getRepository(AlertSource).create({
      name: 'bench', connectorId: null, indexPattern: 'wazuh-alerts-*', query: null, mapping: (await import('@copilot/api-incidents')).WAZUH_DEFAULT_MAPPING,
      dedupFields: ['source', 'rule', 'asset'], dedupWindowMinutes: 1440, overlapMinutes: 5, batchSize: flags.batch, enabled: true, writeBack: false,
      cursorTime: null, cursorId: null, unattributedSamples: [],
    }));
    let halfway = () => undefined as void;
    const indexer = new MemoryIndexer(docs, flags.mix, () => halfway());
    const factory = { forCustomer: async () => indexer, forConnector: async () => indexer } as unknown as WazuhIndexerClientFactory;
    const faults = new IngestionFaults();
    const pass = new SourcePassService(ds, factory, new LeaseService(ds), faults);
    const t0 = process.hrtime.bigint();
    const since = cpuSpentSince(dbServerCpuReader());
    const run = await withPeakMemory((sample) => {
      halfway = sample;
      return pass.run(source.id);
    });
    const pipelineMs = Number(process.hrtime.bigint() - t0) / 1e6 - run.gcMs;
    const spent = since();
    if (!run.value || run.value.read !== docs) throw new Error(`the pass read ${run.value?.read ?? 'nothing'} of ${docs} documents`);
    await ds.destroy();
    const [from, to] = [await pipelineDb.connect(), await rawDb.connect()];
    try {
      const raw = await rawInsertMs(from, to, flags.batch);
      return {
        docs, pipelineDocsPerSec: docs / (pipelineMs / 1000), rawDocsPerSec: docs / (raw.ms / 1000), ratio: raw.ms / pipelineMs, rows: raw.rows,
        created: run.value.created, bumped: run.value.bumped, unattributed: run.value.unattributed, peakRssMb: run.rssMb, peakHeapMb: run.heapMb,
        // The forced collections are the harness's CPU, as they are its time.
        pipelineCpu: perThousand({ nodeMs: spent.nodeMs - run.gcMs, dbMs: spent.dbMs }, docs), rawCpu: perThousand(raw.cpu, docs),
      };
    } finally {
      await from.end();
      await to.end();
    }
  } finally {
    await pipelineDb.drop();
    await rawDb.drop();
  }
}

/** The best pipeline rate and the best raw rate of two rounds (with their CPU figures), and the higher memory peaks. */
function bestOf(a: IngestFigures, b: IngestFigures): IngestFigures {
  const pipeline = b.pipelineDocsPerSec > a.pipelineDocsPerSec ? b : a;
  const raw = b.rawDocsPerSec > a.rawDocsPerSec ? b : a;
  return {
    ...a, pipelineDocsPerSec: pipeline.pipelineDocsPerSec, pipelineCpu: pipeline.pipelineCpu, rawDocsPerSec: raw.rawDocsPerSec, rawCpu: raw.rawCpu,
    ratio: pipeline.pipelineDocsPerSec / raw.rawDocsPerSec, peakRssMb: Math.max(a.peakRssMb, b.peakRssMb), peakHeapMb: Math.max(a.peakHeapMb, b.peakHeapMb),
  };
}

export function report(rows: IngestFigures[], mix: KeyMix, out: (line: string) => void, pool?: BufferPoolNote): void {
  const f = (n: number, d = 0) => n.toFixed(d).padStart(10);
  out(`run ${randomUUID().slice(0, 8)}: ingestion pipeline vs raw multi-row INSERT of the same rows (MariaDB), ${mix} key mix`);
  if (pool) {
    const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
    out(`InnoDB buffer pool ${mb(pool.bytes)}${pool.serverBytes === undefined ? '' : ` for the run (the server's own ${mb(pool.serverBytes)} is put back)`}`);
  }
  out('      docs  pipeline/s     raw/s     ratio  rows written  created   repeats  unattributed  peak RSS MB  live heap MB');
  for (const r of rows) {
    out(`${f(r.docs)}  ${f(r.pipelineDocsPerSec)}${f(r.rawDocsPerSec)}  ${f(r.ratio, 2)}x  ${f(r.rows)}  ${f(r.created)}${f(r.bumped)}  ${f(r.unattributed)}   ${f(r.peakRssMb)}   ${f(r.peakHeapMb)}`);
  }
  out('CPU ms per 1,000 docs   pipeline: node      db    raw: node      db');
  for (const r of rows) {
    out(`${f(r.docs)}            ${f(r.pipelineCpu.nodeMs, 1)}${f(r.pipelineCpu.dbMs, 1)}  ${f(r.rawCpu.nodeMs, 1)}${f(r.rawCpu.dbMs, 1)}`);
  }
  const worst = rows.reduce((a, b) => (b.ratio < a.ratio ? b : a));
  const slowest = Math.min(...rows.map((r) => r.pipelineDocsPerSec));
  const growth = rows[rows.length - 1].peakHeapMb / rows[0].peakHeapMb;
  out(`ratio pipeline/raw: ${worst.ratio.toFixed(2)}x (target >= 0.50x) ${worst.ratio >= 0.5 ? 'PASS' : 'FAIL'}`);
  out(`throughput: ${slowest.toFixed(0)} docs/s (target >= 2000) ${slowest >= 2000 ? 'PASS' : 'FAIL'}`);
  out(`live heap growth from ${rows[0].docs} to ${rows[rows.length - 1].docs} docs: ${growth.toFixed(2)}x (flat: <= 1.5x) ${growth <= 1.5 ? 'PASS' : 'FAIL'}`);
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const rows: IngestFigures[] = [];
  const res = new Resources();
  const unhook = releaseOnSignal(res, log, 'dropping the scratch databases and putting the buffer pool back');
  try {
    const pool = await withBufferPool(flags.mysql, flags.bufferPool ?? composeBufferPoolBytes(), res, async (note) => {
      for (const n of flags.sizes) {
        let best: IngestFigures | null = null;
        for (let r = 0; r < flags.rounds; r++) {
          const f = await measure(n, flags, res);
          best = best ? bestOf(best, f) : f;
        }
        if (best) rows.push(best);
      }
      return note;
    });
    report(rows, flags.mix, log, pool);
  } finally {
    // After a Ctrl-C the pass fails too: its error must not end the process before the cleanup has.
    await res.release(log);
    unhook();
  }
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}
