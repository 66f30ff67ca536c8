import type { ScanBatch, ScanOptions, SearchHit } from '@copilot/api-connectors';
import { prng } from '@copilot/testing-fakes';

export const BENCH_CUSTOMERS = Array.from({ length: 20 }, (_, i) => `bench-c${String(i).padStart(2, '0')}`);
const RULES = Array.from({ length: 40 }, (_, i) => ({ id: String(5700 + i), level: 3 + (i % 12), description: `Bench rule ${5700 + i}: suspicious activity ${i}` }));
const AGENTS_PER_CUSTOMER = 25;
const START = Date.parse('2024-01-01T00:00:00Z');
/** Four documents a second: a million span ~70 hours, so dedup windows roll over and new alerts keep coming. */
const STEP_MS = 250;

type Doc = Record<string, unknown>;

/**
 * How documents spread over the 20,000 (customer, host, rule) combinations. `zipf`: a few noisy rules on a few
 * hosts make most of the stream, as in real Wazuh alert traffic (and its attacker IPs repeat); `uniform`: every
 * combination equally likely with a fresh IP each time, the worst case for dedup (almost every document
 * touches a different alert).
 */
export type KeyMix = 'zipf' | 'uniform';
export const KEY_MIXES: readonly KeyMix[] = ['zipf', 'uniform'];
const COMBINATIONS = BENCH_CUSTOMERS.length * AGENTS_PER_CUSTOMER * RULES.length;

function zipfPicker(n: number, s = 1.0): (u: number) => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let k = 0; k < n; k++) cdf[k] = sum += 1 / Math.pow(k + 1, s);
  return (u) => {
    const target = u * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}
const zipf = zipfPicker(COMBINATIONS);

function documentAt(i: number, random: () => number, mix: KeyMix): SearchHit<Doc> {
  const at = START + i * STEP_MS;
  // A pseudo-random permutation of the ranks, so the noisy combinations are spread over customers and rules.
  const combo = mix === 'zipf' ? (zipf(random()) * 7919) % COMBINATIONS : Math.floor(random() * COMBINATIONS);
  const c = combo % BENCH_CUSTOMERS.length;
  const agent = Math.floor(combo / BENCH_CUSTOMERS.length) % AGENTS_PER_CUSTOMER;
  const rule = RULES[Math.floor(combo / (BENCH_CUSTOMERS.length * AGENTS_PER_CUSTOMER))];
  const day = new Date(at).toISOString().slice(0, 10).replace(/-/g, '.');
  const id = `bench${i.toString(36).padStart(12, '0')}`;
  const fresh = mix === 'uniform' || random() < 0.1;
  const srcip = fresh
    ? `185.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}.${1 + Math.floor(random() * 254)}`
    : `45.${combo % 256}.${(combo >> 8) % 256}.${1 + Math.floor(random() * 8)}`;
  // Roughly one in fifty documents names a tenant that does not exist: counted and sampled, never dropped.
  const customer = random() < 0.02 ? 'unknown-tenant' : BENCH_CUSTOMERS[c];
  return {
    _index: `wazuh-alerts-4.x-${day}`,
    _id: id,
    sort: [at, id],
    _source: {
      timestamp: new Date(at).toISOString(),
      rule: { id: rule.id, level: rule.level, description: rule.description, groups: ['syslog', 'sshd'], firedtimes: 1 + (i % 17) },
      agent: { id: String(c * AGENTS_PER_CUSTOMER + agent).padStart(3, '0'), name: `${customer}-host-${agent}`, ip: `10.${c}.0.${agent}`, labels: { customer } },
      manager: { name: 'wazuh-manager' },
      data: { srcip, srcport: String(1024 + (i % 60000)), dstuser: 'root' },
      full_log: `${rule.description} from ${srcip} port ${1024 + (i % 60000)} ssh2`,
      location: '/var/log/auth.log',
      decoder: { name: 'sshd' },
      id: `${Math.floor(at / 1000)}.${i}`,
    },
  };
}

/**
 * Stands in for the Wazuh indexer's cursor scan: generates batches lazily, so the backlog is never in memory
 * and the measured figure is the pipeline's own (no network, no JSON parsing of indexer answers).
 */
export class MemoryIndexer {
  constructor(
    private readonly total: number,
    private readonly mix: KeyMix = 'zipf',
    /** Called once, when the scan hands out the batch that crosses half of the documents. */
    private readonly halfway: () => void = () => undefined,
  ) {}

  async *scanByCursor(options: ScanOptions): AsyncGenerator<ScanBatch<Doc>, void, undefined> {
    const size = options.batchSize ?? 500;
    const random = prng(42);
    // A read again after a rollback resumes after a cursor: the documents before it are generated (the random
    // stream must advance the same) but not handed out.
    const from = options.after ? Math.max(0, Math.floor((Number(options.after.time) - START) / STEP_MS) + 1) : 0;
    for (let i = 0; i < from; i++) documentAt(i, random, this.mix);
    for (let i = from; i < this.total; i += size) {
      const hits: SearchHit<Doc>[] = [];
      for (let j = i; j < Math.min(this.total, i + size); j++) hits.push(documentAt(j, random, this.mix));
      const last = hits[hits.length - 1];
      if (i < this.total / 2 && i + size >= this.total / 2) this.halfway();
      yield { hits, cursor: { time: last.sort[0] as number, id: last._id } };
    }
  }

  async close(): Promise<void> {
    // nothing to release
  }
}
