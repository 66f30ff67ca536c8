import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from '@copilot/api-core';
import { boot } from './boot';
import { runCli } from './cli/cli';

async function serve(): Promise<void> {
  const config = loadConfig();
  const app = await boot(config);
  await app.listen({ port: config.port, host: '0.0.0.0' });
  new Logger('Boot').log(`CoPilot is up: http://localhost:${config.port}/ (console), /portal (customer portal), /api/docs (API)`);
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (command && command !== 'serve') {
    process.exitCode = await runCli(command, args);
    return;
  }
  await serve();
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(`CoPilot failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
  process.exit(1);
});
