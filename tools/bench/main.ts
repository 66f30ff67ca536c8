/**
 * `npm run bench -- <scenario> [flags]`: list benchmarks that print the api's throughput and p99
 * as ratios against a bare node:http + mysql2 server measured in the same run (ARCHITECTURE.md §7:
 * benchmarks print ratios; they are not timed tests). Exit code 0 whatever the ratios, so a slow
 * machine never fails a build; 1 when the run itself went wrong (errors, differing pages); 2 on bad flags.
 */
import { parseArgs, USAGE, UsageError } from './args';
import { runListBench } from './run';
import { SCENARIOS } from './scenarios';

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`${err.message}\n\n${USAGE}`);
    return 2;
  }
  const scenario = SCENARIOS[args.scenario];
  if (!scenario) {
    process.stderr.write(`scenario "${args.scenario}" is not available yet (its entity or route is missing)\n`);
    return 2;
  }
  await runListBench(args, scenario, (line) => process.stdout.write(`${line}\n`));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
