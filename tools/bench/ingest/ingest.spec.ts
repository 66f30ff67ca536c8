import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import apiNode from '../../../apps/api/node-flags.json';
import { composeBufferPoolBytes, sizeBytes } from './buffer-pool';
import { measure, report } from './main';

const MYSQL = process.env['TEST_MYSQL_URL'] ?? 'mysql://root@127.0.0.1:3306';

/** The ingestion benchmark end to end at a tiny size: it runs and prints both targets. */
describe('ingestion benchmark', () => {
  jest.setTimeout(120_000);

  it('measures the pipeline and the raw baseline on the same rows, and prints the ratio and the throughput', async () => {
    const figures = await measure(1500, { sizes: [1500], batch: 250, rounds: 1, mix: 'uniform', mysql: MYSQL });
    expect(figures.docs).toBe(1500);
    expect(figures.created + figures.bumped).toBeGreaterThan(0);
    expect(figures.unattributed).toBeGreaterThan(0);
    // Every document leaves at least its origin key, and created alerts their row, context and CREATED event.
    expect(figures.rows).toBeGreaterThanOrEqual(1500 - figures.unattributed + 3 * figures.created);
    expect(Number.isFinite(figures.ratio) && figures.ratio > 0).toBe(true);
    const lines: string[] = [];
    report([figures], 'uniform', (l) => lines.push(l));
    expect(lines.join('\n')).toMatch(/ratio pipeline\/raw: \d+\.\d\dx \(target >= 0\.50x\) (PASS|FAIL)/);
    expect(lines.join('\n')).toMatch(/throughput: \d+ docs\/s \(target >= 2000\) (PASS|FAIL)/);
  });

  it('measures with the buffer pool docker-compose gives production MySQL, read from the compose file', () => {
    expect(composeBufferPoolBytes()).toBe(2 ** 30);
    expect(composeBufferPoolBytes('command: ["--innodb-buffer-pool-size=${MYSQL_BUFFER_POOL_SIZE:-512M}"]')).toBe(512 * 2 ** 20);
    expect(() => composeBufferPoolBytes('command: ["--innodb-autoinc-lock-mode=1"]')).toThrow(/no longer sets --innodb-buffer-pool-size/);
    expect(sizeBytes('134217728')).toBe(128 * 2 ** 20);
    expect(() => sizeBytes('lots')).toThrow(/"lots" is not a size/);
  });

  it('runs the pipeline under the V8 flags the api runs with (npm run bench:ingest)', () => {
    const scripts = (JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const flag of apiNode.flags) expect(scripts['bench:ingest'].split(' ')).toContain(flag);
  });
});
