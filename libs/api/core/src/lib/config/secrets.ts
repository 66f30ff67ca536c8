import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Values people paste from docs and examples; a secret equal to one of these refuses to boot. */
const KNOWN_BAD = new Set(['changeme', 'change-me', 'secret', 'password', 'copilot', 'example', 'your-secret-here']);
const MIN_BYTES = 32;

export interface SecretOutcome {
  value?: Buffer;
  problem?: string;
  generated?: boolean;
}

/** Writes a file readable only by the api's user (0600), creating the data dir if needed. */
export function writePrivateFile(path: string, content: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content, { mode: 0o600 });
  chmodSync(path, 0o600);
}

function decode(name: string, raw: string): SecretOutcome {
  const value = raw.trim();
  if (value === '') {
    return { problem: `${name} is empty: unset it to generate one, or set at least ${MIN_BYTES} random bytes, base64` };
  }
  if (KNOWN_BAD.has(value.toLowerCase())) {
    return { problem: `${name} is an example value: generate one with \`openssl rand -base64 48\`` };
  }
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) return { problem: `${name} must be base64` };
  const bytes = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (bytes.length < MIN_BYTES) {
    return { problem: `${name} must decode to at least ${MIN_BYTES} bytes, got ${bytes.length}` };
  }
  if (new Set(bytes).size < 8) return { problem: `${name} is not random enough` };
  return { value: bytes };
}

/**
 * JWT_SECRET and COPILOT_ENCRYPTION_KEY: from the environment when set; on the embedded default
 * (SQLite) generated once into the data dir and reused on every later start, so tokens and
 * encrypted credentials survive restarts. With MySQL they are required, because every replica
 * must share them and a per-replica file would silently split the install.
 */
export function resolveInstallSecret(
  name: string,
  raw: string | undefined,
  opts: { dataDir: string; embedded: boolean },
): SecretOutcome {
  if (raw !== undefined) return decode(name, raw);
  if (!opts.embedded) {
    return { problem: `${name} is required with a MySQL DATABASE_URL (replicas must share it): set at least ${MIN_BYTES} random bytes, base64` };
  }
  const file = join(opts.dataDir, `${name.toLowerCase()}.key`);
  if (existsSync(file)) {
    const outcome = decode(`${name} (from ${file})`, readFileSync(file, 'utf8'));
    return outcome;
  }
  const value = randomBytes(48);
  writePrivateFile(file, value.toString('base64'));
  return { value, generated: true };
}
