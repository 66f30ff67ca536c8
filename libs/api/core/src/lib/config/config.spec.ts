import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AppConfig, ConfigError, loadConfig } from './app-config';
import { CONFIG_VARIABLES, parseEnv } from './config.schema';

const REPO_ROOT = resolve(__dirname, '../../../../../..');
const key = (bytes = 48) => randomBytes(bytes).toString('base64');
const MYSQL_URL = 'mysql://copilot:db-pass-word@127.0.0.1:3306/copilot';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'copilot-config-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

/** Loads with a temp data dir; returns the error instead of throwing so tests can inspect it. */
function attempt(env: Record<string, string | undefined>): AppConfig | ConfigError {
  try {
    return loadConfig({ COPILOT_DATA_DIR: dataDir, ...env }, dataDir);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
}

function problemsOf(env: Record<string, string | undefined>): string[] {
  const out = attempt(env);
  if (!(out instanceof ConfigError)) throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
  return out.problems;
}

function loaded(env: Record<string, string | undefined>): AppConfig {
  const out = attempt(env);
  if (out instanceof ConfigError) throw new Error(`unexpected config problems: ${out.message}`);
  return out;
}

const mode = (path: string) => statSync(path).mode & 0o777;

describe('loadConfig: one error listing every problem', () => {
  it('lists every bad variable at once, each named, in one ConfigError', () => {
    const env = {
      PORT: 'abc',
      LOG_LEVEL: 'loud',
      MAX_UPLOAD_MB: '0',
      ACCESS_TOKEN_EXPIRE_MINUTES: '1.5',
      DATABASE_URL: 'postgres://u:p@db/copilot',
      MINIO_URL: 'ftp://minio:21',
      JWT_SECRET: 'changeme',
    };
    const err = attempt(env);
    expect(err).toBeInstanceOf(ConfigError);
    const { problems, message } = err as ConfigError;
    expect(problems).toHaveLength(7);
    for (const name of Object.keys(env)) {
      expect(problems.filter((p) => p.startsWith(name))).toHaveLength(1);
      expect(message).toContain(name);
    }
  });

  it('leaves no generated key files behind when the configuration is refused', () => {
    problemsOf({ PORT: 'abc' });
    problemsOf({ COPILOT_ENCRYPTION_KEY: 'changeme' });
    problemsOf({ JWT_SECRET: 'changeme' });
    problemsOf({ COPILOT_ADMIN_PASSWORD: 'short' });
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('accepts an empty environment with documented defaults', () => {
    const config = loaded({});
    expect(config.port).toBe(5000);
    expect(config.logLevel).toBe('info');
    expect(config.database).toEqual({ type: 'sqlite', path: join(dataDir, 'copilot.sqlite') });
    expect(config.storage).toEqual({ driver: 'filesystem', root: join(dataDir, 'objects') });
    expect(config.auditRetentionDays).toBe(90);
    expect(config.maxUploadBytes).toBe(100 * 1024 * 1024);
    expect(config.embedded).toBe(true);
  });

  it('treats empty values of ordinary variables as unset (an .env copied from .env.example)', () => {
    const config = loaded({ PORT: '', DATABASE_URL: '', MINIO_URL: '', LOG_LEVEL: ' ' });
    expect(config.port).toBe(5000);
    expect(config.database.type).toBe('sqlite');
    expect(config.storage.driver).toBe('filesystem');
  });
});

describe('strict values', () => {
  it.each(['abc', '5000.0', '1e3', '-1', '+80', '0x50', '50 00', '0', '65536'])('PORT=%j is refused, naming PORT', (value) => {
    const problems = problemsOf({ PORT: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^PORT must be/);
  });

  it('shows the rejected value of a non-sensitive variable so the operator can find it', () => {
    expect(problemsOf({ PORT: 'abc' })[0]).toContain('"abc"');
  });

  it.each([['1', 1], ['8080', 8080], ['65535', 65535], [' 5001 ', 5001]])('PORT=%j is accepted as %d', (value, port) => {
    expect(loaded({ PORT: value }).port).toBe(port);
  });

  it.each([
    ['ACCESS_TOKEN_EXPIRE_MINUTES', '4'],
    ['ACCESS_TOKEN_EXPIRE_MINUTES', '1441'],
    ['AUDIT_LOG_RETENTION_DAYS', '0'],
    ['AUDIT_LOG_RETENTION_DAYS', '3651'],
    ['MAX_UPLOAD_MB', '10241'],
  ])('%s=%s is out of range', (name, value) => {
    expect(problemsOf({ [name]: value })).toEqual([expect.stringMatching(new RegExp(`^${name} must be between`))]);
  });

  it('reads ranged integers as numbers', () => {
    const config = loaded({ ACCESS_TOKEN_EXPIRE_MINUTES: '15', AUDIT_LOG_RETENTION_DAYS: '30', MAX_UPLOAD_MB: '2' });
    expect(config.accessTokenMinutes).toBe(15);
    expect(config.auditRetentionDays).toBe(30);
    expect(config.maxUploadBytes).toBe(2 * 1024 * 1024);
  });

  it.each(['loud', 'INFO', 'Info', 'warning', 'fatal'])('LOG_LEVEL=%j is refused, listing the allowed values', (value) => {
    expect(problemsOf({ LOG_LEVEL: value })).toEqual([expect.stringContaining('LOG_LEVEL must be one of trace, debug, info, warn, error')]);
  });

  it.each(['trace', 'debug', 'info', 'warn', 'error'] as const)('LOG_LEVEL=%s is accepted', (level) => {
    expect(loaded({ LOG_LEVEL: level }).logLevel).toBe(level);
  });

  it.each(['postgres://u@db/copilot', 'http://db/copilot', 'file:///tmp/x.db', 'not a url'])('DATABASE_URL=%j is refused', (url) => {
    expect(problemsOf({ DATABASE_URL: url })).toEqual([expect.stringMatching(/^DATABASE_URL /)]);
  });

  it('refuses a MySQL URL that does not name a database', () => {
    expect(problemsOf({ DATABASE_URL: 'mysql://root@127.0.0.1:3306/', JWT_SECRET: key(), COPILOT_ENCRYPTION_KEY: key() })).toEqual([
      expect.stringContaining('DATABASE_URL must name the database'),
    ]);
  });

  it('picks the database driver from the URL scheme', () => {
    const secrets = { JWT_SECRET: key(), COPILOT_ENCRYPTION_KEY: key() };
    expect(loaded({ DATABASE_URL: MYSQL_URL, ...secrets }).database).toMatchObject({ type: 'mysql', database: 'copilot', url: MYSQL_URL });
    expect(loaded({ DATABASE_URL: 'mariadb://root@db:3306/cp_1', ...secrets }).database).toMatchObject({ type: 'mysql', database: 'cp_1', flavor: 'mariadb' });
    expect(loaded({ DATABASE_URL: 'sqlite:rel/copilot.db' }).database).toEqual({ type: 'sqlite', path: join(dataDir, 'rel/copilot.db') });
    expect(loaded({ DATABASE_URL: 'sqlite::memory:' }).database).toEqual({ type: 'sqlite', path: ':memory:' });
  });

  it.each(['ftp://minio:21', 'minio:9000', 's3://bucket'])('MINIO_URL=%j is refused', (url) => {
    expect(problemsOf({ MINIO_URL: url, MINIO_ROOT_USER: 'minio', MINIO_ROOT_PASSWORD: 'minio-password' })).toEqual([expect.stringMatching(/^MINIO_URL /)]);
  });

  it('requires MinIO credentials with MINIO_URL, naming both', () => {
    const problems = problemsOf({ MINIO_URL: 'http://127.0.0.1:9000' });
    expect(problems).toEqual([expect.stringContaining('MINIO_ROOT_USER'), expect.stringContaining('MINIO_ROOT_PASSWORD')]);
  });

  it('uses MinIO when configured', () => {
    const config = loaded({ MINIO_URL: 'http://127.0.0.1:9000', MINIO_ROOT_USER: 'minio', MINIO_ROOT_PASSWORD: 'minio-password' });
    expect(config.storage).toEqual({ driver: 'minio', url: 'http://127.0.0.1:9000', accessKey: 'minio', secretKey: 'minio-password' });
  });

  it('uses Debian\'s Chromium for PDF reports unless CHROMIUM_PATH names another, absolute path', () => {
    expect(loaded({}).chromiumPath).toBe('/usr/bin/chromium');
    expect(loaded({ CHROMIUM_PATH: '/opt/chrome/chrome' }).chromiumPath).toBe('/opt/chrome/chrome');
    expect(problemsOf({ CHROMIUM_PATH: 'chromium' })).toEqual([expect.stringMatching(/^CHROMIUM_PATH must be an absolute path/)]);
  });

  it('refuses an admin password shorter than 12 characters', () => {
    expect(problemsOf({ COPILOT_ADMIN_PASSWORD: 'elevenchars' })).toEqual([expect.stringContaining('COPILOT_ADMIN_PASSWORD')]);
    expect(loaded({ COPILOT_ADMIN_PASSWORD: 'twelve-chars' }).adminPassword).toBe('twelve-chars');
  });
});

describe('.env.example', () => {
  const MARKER = '# --- docker compose only ---';
  const text = readFileSync(join(REPO_ROOT, '.env.example'), 'utf8');
  const lines = text.split('\n');
  const markerAt = lines.indexOf(MARKER);
  const apiLines = lines.slice(0, markerAt);
  // Optional settings (the connector catalogue) are documented as commented-out examples: `# NAME=value`.
  const documented = apiLines.map((l) => /^(?:# )?([A-Za-z_][A-Za-z0-9_]*)=/.exec(l)?.[1]).filter((n): n is string => n !== undefined);
  const schemaNames = CONFIG_VARIABLES.map((v) => v.name);

  it('has the docker-compose-only marker line', () => {
    expect(markerAt).toBeGreaterThan(0);
  });

  it.each(schemaNames)('documents %s above the compose-only section', (name) => {
    expect(documented).toContain(name);
  });

  it('declares only schema variables above the compose-only section', () => {
    const unknown = documented.filter((n) => !schemaNames.includes(n));
    expect(unknown).toEqual([]);
  });

  it('declares each variable once', () => {
    expect(new Set(documented).size).toBe(documented.length);
  });

  it('passes validation as written, except the secrets it leaves empty on purpose', () => {
    const env = Object.fromEntries(
      apiLines.map((l) => /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(l)).filter((m): m is RegExpExecArray => m !== null).map((m) => [m[1], m[2]]),
    );
    expect(parseEnv(env).problems).toEqual([]);
    // Copied verbatim, the empty secrets must refuse to boot rather than run with no key.
    const problems = problemsOf({ ...env, COPILOT_DATA_DIR: dataDir });
    expect(problems).toEqual([expect.stringContaining('JWT_SECRET is empty'), expect.stringContaining('COPILOT_ENCRYPTION_KEY is empty')]);
  });

  it('gives commented-out examples that pass validation once uncommented', () => {
    const examples = apiLines.map((l) => /^# ([A-Z_][A-Z0-9_]*)=(.*)$/.exec(l)).filter((m): m is RegExpExecArray => m !== null);
    expect(examples.length).toBeGreaterThan(50);
    expect(parseEnv(Object.fromEntries(examples.map((m) => [m[1], m[2]]))).problems).toEqual([]);
  });
});

describe('install secrets', () => {
  const SECRETS = ['JWT_SECRET', 'COPILOT_ENCRYPTION_KEY'] as const;
  const fileOf = (name: string) => join(dataDir, `${name.toLowerCase()}.key`);

  it('generates both secrets once into the data dir, mode 0600, and reuses the same bytes on the next load', () => {
    const first = loaded({});
    expect(first.generatedSecrets).toEqual([...SECRETS]);
    expect(first.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(first.encryptionKey.length).toBeGreaterThanOrEqual(32);
    expect(first.jwtSecret.equals(first.encryptionKey)).toBe(false);
    for (const name of SECRETS) expect(mode(fileOf(name))).toBe(0o600);

    const second = loaded({});
    expect(second.generatedSecrets).toEqual([]);
    expect(second.jwtSecret.equals(first.jwtSecret)).toBe(true);
    expect(second.encryptionKey.equals(first.encryptionKey)).toBe(true);
  });

  it('prefers a value from the environment and writes no file for it', () => {
    const jwt = key();
    const config = loaded({ JWT_SECRET: jwt });
    expect(config.jwtSecret.equals(Buffer.from(jwt, 'base64'))).toBe(true);
    expect(config.generatedSecrets).toEqual(['COPILOT_ENCRYPTION_KEY']);
    expect(readdirSync(dataDir)).toEqual(['copilot_encryption_key.key']);
  });

  it('accepts URL-safe base64', () => {
    const bytes = randomBytes(48);
    expect(loaded({ JWT_SECRET: bytes.toString('base64url') }).jwtSecret.equals(bytes)).toBe(true);
  });

  it('refuses a key file that was truncated instead of silently using a weak key', () => {
    loaded({});
    writeFileSync(fileOf('JWT_SECRET'), key(8));
    expect(problemsOf({})).toEqual([expect.stringContaining('JWT_SECRET')]);
  });

  describe.each(SECRETS)('%s', (name) => {
    it.each([
      ['empty', '', 'is empty'],
      ['blank', '   ', 'is empty'],
      ['short (31 bytes)', key(31), 'at least 32 bytes'],
      ['not base64', 'this is not base64 but long enough to pass a length check!', 'must be base64'],
      ['the example value changeme', 'changeme', 'example value'],
      ['the example value CHANGEME', 'CHANGEME', 'example value'],
      ['not random (32 equal bytes)', Buffer.alloc(32, 7).toString('base64'), 'not random'],
    ])('refuses %s with a message naming the variable', (_label, value, reason) => {
      const problems = problemsOf({ [name]: value });
      expect(problems).toEqual([expect.stringContaining(name)]);
      expect(problems[0]).toContain(reason);
    });

    it('accepts exactly 32 random bytes', () => {
      const bytes = randomBytes(32);
      expect(bytes.equals(loaded({ [name]: bytes.toString('base64') })[name === 'JWT_SECRET' ? 'jwtSecret' : 'encryptionKey'])).toBe(true);
    });
  });

  it('with a MySQL DATABASE_URL requires both secrets from the environment and generates nothing', () => {
    const problems = problemsOf({ DATABASE_URL: MYSQL_URL });
    expect(problems).toEqual([expect.stringContaining('JWT_SECRET is required'), expect.stringContaining('COPILOT_ENCRYPTION_KEY is required')]);
    expect(problemsOf({ DATABASE_URL: MYSQL_URL, JWT_SECRET: key() })).toEqual([expect.stringContaining('COPILOT_ENCRYPTION_KEY is required')]);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('with a MySQL DATABASE_URL ignores key files left in the data dir (replicas must share one value)', () => {
    loaded({});
    expect(problemsOf({ DATABASE_URL: MYSQL_URL })).toHaveLength(2);
    const config = loaded({ DATABASE_URL: MYSQL_URL, JWT_SECRET: key(), COPILOT_ENCRYPTION_KEY: key() });
    expect(config.generatedSecrets).toEqual([]);
  });
});

describe('sensitive values never appear in error messages', () => {
  const sensitive = CONFIG_VARIABLES.filter((v) => v.sensitive).map((v) => v.name);

  it('marks the secrets and credentials as sensitive', () => {
    expect(sensitive).toEqual(expect.arrayContaining(['DATABASE_URL', 'MINIO_ROOT_PASSWORD', 'JWT_SECRET', 'COPILOT_ENCRYPTION_KEY', 'COPILOT_ADMIN_PASSWORD']));
  });

  it.each([
    ['DATABASE_URL', 'postgres://copilot:Sup3rS3cretDbPw@db/copilot', 'Sup3rS3cretDbPw'],
    ['DATABASE_URL', 'Sup3rS3cretDbPw is not a url', 'Sup3rS3cretDbPw'],
    ['DATABASE_URL', 'mysql://copilot:Sup3rS3cretDbPw@db:3306/', 'Sup3rS3cretDbPw'],
    ['JWT_SECRET', 'Sup3rS3cretJwtValue', 'Sup3rS3cretJwtValue'],
    ['JWT_SECRET', 'Sup3r S3cret Jwt Value with spaces and more than 32 bytes', 'Sup3r S3cret'],
    ['COPILOT_ENCRYPTION_KEY', 'Sup3rS3cretEncKey', 'Sup3rS3cretEncKey'],
    ['COPILOT_ADMIN_PASSWORD', 'Sup3rShort', 'Sup3rShort'],
  ])('%s=%j', (name, value, secret) => {
    const err = attempt({ JWT_SECRET: key(), COPILOT_ENCRYPTION_KEY: key(), [name]: value });
    expect(err).toBeInstanceOf(ConfigError);
    const { message, problems } = err as ConfigError;
    expect(problems.some((p) => p.includes(name))).toBe(true);
    expect(message).not.toContain(secret);
    expect(String(err)).not.toContain(secret);
  });

  it('hides every sensitive variable that fails schema parsing', () => {
    for (const name of sensitive) {
      const spec = CONFIG_VARIABLES.find((v) => v.name === name);
      if (spec?.kind !== 'url') continue;
      const { problems } = parseEnv({ [name]: 'gopher://user:HiddenValue42@x/y' });
      expect(problems.join('\n')).not.toContain('HiddenValue42');
      expect(problems.join('\n')).toContain(name);
    }
  });
});
