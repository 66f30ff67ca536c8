import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@copilot/api-core';
import { createApp } from '../boot';
import { buildOpenApiDocument } from '../openapi';
import { generateMigration } from '../database/migration-tools';
import { resetPassword } from './reset-password';

const USAGE = `Usage: node dist/apps/api/main.js <command>
  serve                          start the api (default)
  reset-password <user> [--generate]
                                 set a user's password offline; reads it from the terminal,
                                 or with --generate prints a new one once
  openapi <file>                 write the OpenAPI document
  migration:generate <Name>      write a migration for both dialects from the entity diff
`;

export async function runCli(command: string, args: string[]): Promise<number> {
  switch (command) {
    case 'reset-password':
      return resetPassword(loadConfig(), args);
    case 'openapi':
      return writeOpenApi(args[0]);
    case 'migration:generate':
      return generateMigration(args[0]);
    default:
      process.stderr.write(USAGE);
      return command === 'help' || command === '--help' ? 0 : 2;
  }
}

/** Builds the document from an app on a throwaway in-memory database: no data, no listening. */
async function writeOpenApi(file: string | undefined): Promise<number> {
  if (!file) {
    process.stderr.write('openapi needs an output file\n');
    return 2;
  }
  const dir = mkdtempSync(join(tmpdir(), 'copilot-openapi-'));
  try {
    const key = () => randomBytes(48).toString('base64');
    const config = loadConfig({ DATABASE_URL: 'sqlite::memory:', COPILOT_DATA_DIR: dir, JWT_SECRET: key(), COPILOT_ENCRYPTION_KEY: key() });
    const app = await createApp(config, { logger: ['error'], webDist: join(dir, 'no-web') });
    await app.init();
    const doc = buildOpenApiDocument(app);
    writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
    await app.close();
    return 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
