import { Injectable } from '@nestjs/common';
import { Algorithm, hash, verify } from '@node-rs/argon2';
import { BadInputError } from '@copilot/api-core';
import { COMMON_PASSWORDS } from './common-passwords';

const COMMON = new Set(COMMON_PASSWORDS);
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/** argon2id with OWASP's recommended floor (19 MiB, 2 passes). */
const ARGON = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };

/**
 * Password policy (NIST 800-63B style): length and a blocklist, no composition rules. Returns the
 * reason a password is refused, or null when it is acceptable.
 */
export function passwordProblem(password: string, username?: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `must be at most ${MAX_PASSWORD_LENGTH} characters`;
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return 'is a commonly used password; choose another';
  if (new Set(lower).size <= 2) return 'is too repetitive';
  if (username && username.length >= 3 && lower.includes(username.toLowerCase())) return 'must not contain the username';
  return null;
}

@Injectable()
export class PasswordService {
  /** Verified against when the account does not exist, so unknown users take as long as real ones. */
  private dummy?: Promise<string>;

  assertAcceptable(password: string, field: string, username?: string): void {
    const problem = passwordProblem(password, username);
    if (problem) throw new BadInputError(`${field} ${problem}`, [{ field, message: problem }]);
  }

  hash(password: string): Promise<string> {
    return hash(password, ARGON);
  }

  async verify(passwordHash: string | null, password: string): Promise<boolean> {
    if (!passwordHash) {
      this.dummy ??= hash('copilot-dummy-password-for-timing', ARGON);
      await verify(await this.dummy, password).catch(() => false);
      return false;
    }
    return verify(passwordHash, password).catch(() => false);
  }
}
