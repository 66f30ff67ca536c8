import { isAbsolute, join, resolve } from 'node:path';
import type { StorageConfig } from '../storage';
import { parseEnv } from './config.schema';
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

  const embedded = database.type === 'sqlite';
  const generated: string[] = [];
  const secret = (name: string): Buffer => {
    // Only generate once the rest is known to be valid, so a typo never leaves stray key files.
    if (env[name] === undefined && embedded && problems.length > 0) return Buffer.alloc(0);
    const outcome = resolveInstallSecret(name, env[name], { dataDir, embedded });
    if (outcome.problem) problems.push(outcome.problem);
    if (outcome.generated) generated.push(name);
    return outcome.value ?? Buffer.alloc(0);
  };
  const jwtSecret = secret('JWT_SECRET');
  const encryptionKey = secret('COPILOT_ENCRYPTION_KEY');

  const adminPassword = str('COPILOT_ADMIN_PASSWORD');
  if (adminPassword !== undefined && adminPassword.length < 12) {
    problems.push('COPILOT_ADMIN_PASSWORD must be at least 12 characters');
  }

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
  );
}
