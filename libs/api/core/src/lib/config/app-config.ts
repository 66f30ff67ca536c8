import { isAbsolute, join, resolve } from 'node:path';
import type { StorageConfig } from '../storage';
import { emptyConnectorEnv, parseEnv, readConnectorEnv, type ConnectorEnvMap } from './config.schema';
import { resolveInstallSecret } from './secrets';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

export type DatabaseConfig =
  | { type: 'sqlite'; path: string }
  | {
      type: 'mysql';
      url: string;
      database: string;
      /** MySQL and MariaDB report schemas differently; set by probing the server at boot. */
      flavor?: 'mysql' | 'mariadb';
    };

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** Thrown at boot with every problem found, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The typed, validated configuration. Injected by class; never read process.env elsewhere. */
export class AppConfig {
  constructor(
    readonly port: number,
    readonly dataDir: string,
    readonly database: DatabaseConfig,
    readonly storage: StorageConfig,
    readonly jwtSecret: Buffer,
    readonly encryptionKey: Buffer,
    readonly adminPassword: string | undefined,
    readonly accessTokenMinutes: number,
    readonly auditRetentionDays: number,
    readonly maxUploadBytes: number,
    readonly logLevel: LogLevel,
    /** Which secrets were generated on this boot (for the boot log; never the values). */
    readonly generatedSecrets: string[],
    /** Per-connector environment (URL, credentials, CA and api-config file contents) the global instances are seeded from. */
    readonly connectorEnv: ConnectorEnvMap = emptyConnectorEnv(),
    /** OUTBOUND_ALLOW_LINK_LOCAL: let connectors reach link-local and cloud-metadata addresses (refused by default). */
    readonly outboundAllowLinkLocal = false,
    /** TRUST_PROXY: behind a reverse proxy, take the client address from X-Forwarded-For (throttling, audit). */
    readonly trustProxy = false,
    /** CHROMIUM_PATH: the headless Chromium that renders PDF case reports (Debian's package path by default). */
    readonly chromiumPath = DEFAULT_CHROMIUM_PATH,
  ) {}

  get embedded(): boolean {
    return this.database.type === 'sqlite';
  }

  /** Where the initial admin password is written when COPILOT_ADMIN_PASSWORD is unset. */
  get initialAdminPasswordFile(): string {
    return join(this.dataDir, 'initial-admin-password');
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): AppConfig {
  const { values, problems } = parseEnv(env);
  const str = (k: string) => values.get(k) as string | undefined;
  const num = (k: string, d: number) => (values.get(k) as number | undefined) ?? d;

  const dataDirRaw = str('COPILOT_DATA_DIR') ?? 'data';
  const dataDir = isAbsolute(dataDirRaw) ? dataDirRaw : resolve(cwd, dataDirRaw);

  const dbUrl = str('DATABASE_URL');
  let database: DatabaseConfig = { type: 'sqlite', path: join(dataDir, 'copilot.sqlite') };
  if (dbUrl?.startsWith('sqlite:')) {
    const p = dbUrl.slice('sqlite:'.length).replace(/^\/\//, '');
    database = { type: 'sqlite', path: p === ':memory:' ? p : resolve(cwd, p) };
  } else if (dbUrl) {
    const name = new URL(dbUrl).pathname.replace(/^\//, '');
    if (!/^[A-Za-z0-9_]{1,64}$/.test(name)) {
      problems.push('DATABASE_URL must name the database, e.g. mysql://user:password@host:3306/copilot');
    }
    database = { type: 'mysql', url: dbUrl, database: name, flavor: dbUrl.startsWith('mariadb:') ? 'mariadb' : undefined };
  }

  const minioUrl = str('MINIO_URL');
  let storage: StorageConfig = { driver: 'filesystem', root: join(dataDir, 'objects') };
  if (minioUrl) {
    const accessKey = str('MINIO_ROOT_USER');
    const secretKey = str('MINIO_ROOT_PASSWORD');
    if (!accessKey) problems.push('MINIO_ROOT_USER is required when MINIO_URL is set');
    if (!secretKey) problems.push('MINIO_ROOT_PASSWORD is required when MINIO_URL is set');
    storage = { driver: 'minio', url: minioUrl, accessKey: accessKey ?? '', secretKey: secretKey ?? '' };
  }

  const adminPassword = str('COPILOT_ADMIN_PASSWORD');
  if (adminPassword !== undefined && adminPassword.length < 12) {
    problems.push('COPILOT_ADMIN_PASSWORD must be at least 12 characters');
  }

  const connectorEnv = readConnectorEnv(values, cwd, problems);

  // Absolute only: a relative path would depend on the directory the api happens to start in.
  const chromiumPath = str('CHROMIUM_PATH') ?? DEFAULT_CHROMIUM_PATH;
  if (!isAbsolute(chromiumPath)) problems.push(`CHROMIUM_PATH must be an absolute path, got ${JSON.stringify(chromiumPath)}`);

  const embedded = database.type === 'sqlite';
  const generated: string[] = [];
  const secretNames = ['JWT_SECRET', 'COPILOT_ENCRYPTION_KEY'] as const;
  const secrets = new Map<string, Buffer>();
  // Judge the secrets that are set (and the required-with-MySQL rule) first, and generate the
  // missing ones only once everything else is known to be valid, so a typo never leaves stray key files.
  const pending = secretNames.filter((name) => env[name] === undefined && embedded);
  for (const name of secretNames.filter((n) => !pending.includes(n))) {
    const outcome = resolveInstallSecret(name, env[name], { dataDir, embedded });
    if (outcome.problem) problems.push(outcome.problem);
    if (outcome.value) secrets.set(name, outcome.value);
  }
  if (problems.length === 0) {
    for (const name of pending) {
      const outcome = resolveInstallSecret(name, undefined, { dataDir, embedded });
      if (outcome.problem) problems.push(outcome.problem);
      if (outcome.generated) generated.push(name);
      if (outcome.value) secrets.set(name, outcome.value);
    }
  }
  const jwtSecret = secrets.get('JWT_SECRET') ?? Buffer.alloc(0);
  const encryptionKey = secrets.get('COPILOT_ENCRYPTION_KEY') ?? Buffer.alloc(0);

  if (problems.length > 0) throw new ConfigError(problems);
  return new AppConfig(
    num('PORT', 5000),
    dataDir,
    database,
    storage,
    jwtSecret,
    encryptionKey,
    adminPassword,
    num('ACCESS_TOKEN_EXPIRE_MINUTES', 60),
    num('AUDIT_LOG_RETENTION_DAYS', 90),
    num('MAX_UPLOAD_MB', 100) * 1024 * 1024,
    (str('LOG_LEVEL') as LogLevel | undefined) ?? 'info',
    generated,
    connectorEnv,
    (values.get('OUTBOUND_ALLOW_LINK_LOCAL') as boolean | undefined) ?? false,
    (values.get('TRUST_PROXY') as boolean | undefined) ?? false,
    chromiumPath,
  );
}
