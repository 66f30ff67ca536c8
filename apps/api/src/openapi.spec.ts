import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { loadConfig } from '@copilot/api-core';
import { createApp } from './boot';
import { buildOpenApiDocument } from './openapi';

const root = join(__dirname, '..', '..', '..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** CI fails when the committed contract or client lags the code: run `npm run openapi`. */
describe('committed OpenAPI document and generated client', () => {
  const dir = mkdtempSync(join(tmpdir(), 'copilot-openapi-spec-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('libs/contract/openapi.json matches the api', async () => {
    const key = () => randomBytes(48).toString('base64');
    const config = loadConfig({ DATABASE_URL: 'sqlite::memory:', COPILOT_DATA_DIR: dir, JWT_SECRET: key(), COPILOT_ENCRYPTION_KEY: key() });
    const app = await createApp(config, { logger: ['error'], webDist: join(dir, 'none') });
    await app.init();
    const live = buildOpenApiDocument(app);
    await app.close();
    const committed = JSON.parse(readFileSync(join(root, 'libs/contract/openapi.json'), 'utf8'));
    expect(JSON.parse(JSON.stringify(live))).toEqual(committed);
  });

  it('libs/client matches what ng-openapi-gen generates from the committed document', () => {
    const out = join(dir, 'client');
    const cfg = JSON.parse(readFileSync(join(root, 'libs/client/ng-openapi-gen.json'), 'utf8'));
    const cfgFile = join(dir, 'ng-openapi-gen.json');
    writeFileSync(cfgFile, JSON.stringify({ ...cfg, $schema: undefined, input: join(root, 'libs/contract/openapi.json'), output: out }));
    execFileSync(process.execPath, [join(root, 'node_modules/ng-openapi-gen/lib/index.js'), '--config', cfgFile], { stdio: 'pipe' });
    const committedDir = join(root, 'libs/client/src/lib');
    const generated = filesUnder(out).map((f) => relative(out, f)).sort();
    expect(filesUnder(committedDir).map((f) => relative(committedDir, f)).sort()).toEqual(generated);
    for (const f of generated) expect([f, readFileSync(join(committedDir, f), 'utf8')]).toEqual([f, readFileSync(join(out, f), 'utf8')]);
  });
});
