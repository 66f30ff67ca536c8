/** Command-line flags of `npm run bench -- <scenario> [flags]`. */

export interface BenchArgs {
  scenario: string;
  /** Rows of the scenario's main table to load (alerts or cases). */
  rows: number;
  customers: number;
  /** Size of each customer's logo (portal branding, stored on the customer row); 0 = none. */
  logoKb: number;
  seconds: number;
  warmup: number;
  concurrency: number;
  /** Each round runs both servers; the order alternates so drift on a shared machine hits both. */
  rounds: number;
  /** Build the api first (Nx caches it by its inputs); the spec skips this and reuses the build. */
  build: boolean;
  /** Scratch database name; default a random `copilot_bench_<hex>`. Always dropped at the end. */
  database?: string;
  /** Server URL without a database, e.g. mysql://root@127.0.0.1:3306. */
  mysqlUrl: string;
  /** The api entry to run; default dist/apps/api/main.js (e.g. a patched copy, to measure a proposed fix). */
  apiMain?: string;
  /** A second api build run beside the first on the same data and rounds: measures a proposed fix. */
  candidate?: string;
  /** Write V8 CPU profiles of both servers into this directory (node --cpu-prof). */
  cpuProf?: string;
  /** Tally the SQL each server sends and print it per request (the probe's statement shapes). */
  showQueries: boolean;
}

export const USAGE = `Usage: npm run bench -- <scenario> [flags]
Scenarios: alerts-list, cases-list (each answers the same page from the whole api and from a bare
node:http + mysql2 server in the same run, and prints the ratios)
  --alerts N / --cases N / --rows N   rows to load (default 1000000 alerts, 100000 cases)
  --customers N                       customers the rows are spread over (default 20)
  --logo-kb N                         give each customer an N KB logo, as portal branding does (default 0)
  --seconds S                         measured seconds per server per round (default 15)
  --warmup S                          unmeasured seconds before each measurement (default 3)
  --concurrency C                     closed-loop clients in flight (default 16)
  --rounds R                          rounds; the server order alternates each round (default 2)
  --no-build                          use dist/apps/api/main.js as it is (no \`nx build api\`)
  --api-main FILE                     run this build of the api instead (implies --no-build)
  --candidate FILE                    also run this build of the api (a proposed fix) in the same rounds
  --database NAME                     scratch database name (dropped at the end)
  --mysql-url URL                     server to use (default $BENCH_MYSQL_URL, $TEST_MYSQL_URL or mysql://root@127.0.0.1:3306)
  --cpu-prof DIR                      write CPU profiles of both servers into DIR (api.cpuprofile, raw.cpuprofile)
  --show-queries                      print the SQL statements each server sends per request
`;

const DEFAULT_ROWS: Record<string, number> = { 'alerts-list': 1_000_000, 'cases-list': 100_000 };

export class UsageError extends Error {}

function positive(flag: string, raw: string | undefined, integer: boolean): number {
  const n = Number(raw);
  if (raw === undefined || !Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new UsageError(`${flag} needs a positive ${integer ? 'whole ' : ''}number, got ${raw ?? 'nothing'}`);
  }
  return n;
}

export function parseArgs(argv: string[]): BenchArgs {
  const [scenario, ...rest] = argv;
  if (!scenario || scenario.startsWith('-')) throw new UsageError('name a scenario first');
  if (!(scenario in DEFAULT_ROWS)) throw new UsageError(`unknown scenario "${scenario}"`);
  const env = process.env;
  const args: BenchArgs = {
    scenario,
    rows: DEFAULT_ROWS[scenario],
    customers: 20,
    logoKb: 0,
    seconds: 15,
    warmup: 3,
    concurrency: 16,
    rounds: 2,
    build: true,
    showQueries: false,
    mysqlUrl: (env['BENCH_MYSQL_URL'] ?? env['TEST_MYSQL_URL'] ?? 'mysql://root@127.0.0.1:3306').replace(/\/+$/, ''),
  };
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i];
    const value = (): string | undefined => rest[++i];
    switch (flag) {
      case '--alerts':
      case '--cases':
      case '--rows':
        args.rows = positive(flag, value(), true);
        break;
      case '--customers':
        args.customers = positive(flag, value(), true);
        break;
      case '--logo-kb':
        args.logoKb = Number(value());
        if (!Number.isInteger(args.logoKb) || args.logoKb < 0 || args.logoKb > 256) throw new UsageError('--logo-kb needs a whole number from 0 to 256');
        break;
      case '--seconds':
        args.seconds = positive(flag, value(), false);
        break;
      case '--warmup':
        args.warmup = Number(value());
        if (!(args.warmup >= 0)) throw new UsageError('--warmup needs a number of seconds >= 0');
        break;
      case '--concurrency':
        args.concurrency = positive(flag, value(), true);
        break;
      case '--rounds':
        args.rounds = positive(flag, value(), true);
        break;
      case '--no-build':
        args.build = false;
        break;
      case '--database':
        args.database = value();
        // The name is interpolated into CREATE/DROP DATABASE: keep it to a safe identifier.
        if (!args.database || !/^[A-Za-z0-9_]{1,64}$/.test(args.database)) throw new UsageError('--database needs a name of letters, digits and _');
        break;
      case '--mysql-url':
        args.mysqlUrl = (value() ?? '').replace(/\/+$/, '');
        break;
      case '--api-main':
        args.apiMain = value();
        if (!args.apiMain) throw new UsageError('--api-main needs a file');
        args.build = false;
        break;
      case '--candidate':
        args.candidate = value();
        if (!args.candidate) throw new UsageError('--candidate needs a file');
        break;
      case '--show-queries':
        args.showQueries = true;
        break;
      case '--cpu-prof':
        args.cpuProf = value();
        if (!args.cpuProf) throw new UsageError('--cpu-prof needs a directory');
        break;
      default:
        throw new UsageError(`unknown flag ${flag}`);
    }
  }
  return args;
}
