import type { FakeResponse, RecordedRequest } from '../http/fake-http-server';
import type { IndexState, IndexStore } from './index-store';

/**
 * CAT APIs (OpenSearch 2.x api-reference/cat/cat-indices, cat-shards, cat-allocation). With `format=json` each
 * row is an object whose values are all strings (or null), keyed by the column names below; without it a
 * whitespace-aligned text table (headers with `v`). `bytes=` picks the size unit, `h=` the columns.
 */

const UNITS: Array<[string, number]> = [
  ['pb', 1024 ** 5],
  ['tb', 1024 ** 4],
  ['gb', 1024 ** 3],
  ['mb', 1024 ** 2],
  ['kb', 1024],
];

export function formatBytes(bytes: number, unit?: string): string {
  if (unit) {
    const factor = unit === 'b' ? 1 : (UNITS.find(([u]) => u === unit)?.[1] ?? 1);
    return String(Math.floor(bytes / factor));
  }
  for (const [name, factor] of UNITS) {
    if (bytes >= factor) return `${(bytes / factor).toFixed(1).replace(/\.0$/, '')}${name}`;
  }
  return `${bytes}b`;
}

/** Approximate on-disk size: the JSON size of the stored sources. */
export function storeBytes(index: IndexState): number {
  let total = 0;
  for (const doc of index.docs.values()) total += Buffer.byteLength(JSON.stringify(doc.source));
  return total;
}

const replicas = (index: IndexState) => Number(index.settings.get('index.number_of_replicas') ?? '0');
const primaries = (index: IndexState) => Number(index.settings.get('index.number_of_shards') ?? '1');

/** A single-node cluster cannot place replicas, so an index with replicas is yellow, as on a real single node. */
export const indexHealth = (index: IndexState): 'green' | 'yellow' => (replicas(index) > 0 ? 'yellow' : 'green');

type Row = Record<string, string | null>;

export function catIndices(indices: IndexState[], unit?: string): Row[] {
  return indices.map((index) => {
    const size = storeBytes(index);
    return {
      health: indexHealth(index),
      status: 'open',
      index: index.name,
      uuid: index.settings.get('index.uuid') ?? null,
      pri: String(primaries(index)),
      rep: String(replicas(index)),
      'docs.count': String(index.docs.size),
      'docs.deleted': '0',
      'store.size': formatBytes(size, unit),
      'pri.store.size': formatBytes(size, unit),
    };
  });
}

export function catShards(indices: IndexState[], node: string, unit?: string): Row[] {
  const rows: Row[] = [];
  for (const index of indices) {
    // The fake keeps every document in shard 0; further primaries exist but stay empty.
    for (let shard = 0; shard < primaries(index); shard++) {
      const docs = shard === 0 ? index.docs.size : 0;
      const bytes = shard === 0 ? storeBytes(index) : 0;
      rows.push({
        index: index.name,
        shard: String(shard),
        prirep: 'p',
        state: 'STARTED',
        docs: String(docs),
        store: formatBytes(bytes, unit),
        ip: '127.0.0.1',
        node,
      });
      for (let r = 0; r < replicas(index); r++) {
        rows.push({
          index: index.name,
          shard: String(shard),
          prirep: 'r',
          state: 'UNASSIGNED',
          docs: null,
          store: null,
          ip: null,
          node: null,
        });
      }
    }
  }
  return rows;
}

export function catAllocation(store: IndexStore, node: string, unit?: string): Row[] {
  const indices = store.all();
  const assigned = indices.reduce((sum, index) => sum + primaries(index), 0);
  const unassigned = indices.reduce((sum, index) => sum + primaries(index) * replicas(index), 0);
  const used = indices.reduce((sum, index) => sum + storeBytes(index), 0);
  const total = 100 * 1024 ** 3;
  const diskUsed = 40 * 1024 ** 3 + used;
  const rows: Row[] = [
    {
      shards: String(assigned),
      'disk.indices': formatBytes(used, unit),
      'disk.used': formatBytes(diskUsed, unit),
      'disk.avail': formatBytes(total - diskUsed, unit),
      'disk.total': formatBytes(total, unit),
      'disk.percent': String(Math.round((diskUsed / total) * 100)),
      host: '127.0.0.1',
      ip: '127.0.0.1',
      node,
    },
  ];
  if (unassigned > 0) {
    rows.push({
      shards: String(unassigned),
      'disk.indices': null,
      'disk.used': null,
      'disk.avail': null,
      'disk.total': null,
      'disk.percent': null,
      host: null,
      ip: null,
      node: 'UNASSIGNED',
    });
  }
  return rows;
}

/** Applies `h=`, then renders JSON rows or the text table the CAT APIs print by default. */
export function catResponse(req: RecordedRequest, rows: Row[]): FakeResponse {
  const columns = req.query['h'] ? req.query['h'].split(',') : Object.keys(rows[0] ?? {});
  const picked = rows.map((row) => Object.fromEntries(columns.map((c) => [c, row[c] ?? null])));
  if (req.query['format'] === 'json') return { status: 200, body: picked };
  const table = [...('v' in req.query ? [columns] : []), ...picked.map((row) => columns.map((c) => row[c] ?? ''))];
  const widths = columns.map((_, i) => Math.max(...table.map((line) => String(line[i]).length)));
  const text = table
    .map((line) =>
      line
        .map((cell, i) => String(cell).padEnd(widths[i]))
        .join(' ')
        .trimEnd(),
    )
    .join('\n');
  return { status: 200, headers: { 'content-type': 'text/plain; charset=UTF-8' }, body: text ? `${text}\n` : '' };
}
