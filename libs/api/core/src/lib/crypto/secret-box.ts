import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Secrets at rest (design §4): connector and integration credentials are sealed with AES-256-GCM before they
 * reach the database. The key is derived from COPILOT_ENCRYPTION_KEY with HKDF-SHA256, so the install key itself
 * never encrypts anything directly and each purpose (sealing, fingerprints) gets its own independent key.
 *
 * Text format: `v1:<iv>:<ciphertext>:<tag>`, each part base64url. The version prefix lets a later format (or key
 * rotation) coexist with rows written by this one.
 */

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const SALT = Buffer.from('copilot/secret-box');
const SEAL_INFO = 'copilot secrets at rest v1: aes-256-gcm';
const DIGEST_INFO = 'copilot secrets at rest v1: hmac-sha256 fingerprints';
const PART = /^[A-Za-z0-9_-]*$/;

/** A sealed value could not be opened: altered, truncated, bound to another field, or sealed under another key. */
export class SecretDecryptError extends Error {
  constructor(detail: string) {
    super(`cannot decrypt a stored secret: ${detail}`);
    this.name = 'SecretDecryptError';
  }
}

export class SecretBox {
  private readonly sealKey: Buffer;
  private readonly digestKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length < 32) {
      // loadConfig already refuses short keys; this guards a caller that builds a box by hand.
      throw new Error('SecretBox needs a master key of at least 32 bytes (COPILOT_ENCRYPTION_KEY)');
    }
    this.sealKey = Buffer.from(hkdfSync('sha256', masterKey, SALT, SEAL_INFO, 32));
    this.digestKey = Buffer.from(hkdfSync('sha256', masterKey, SALT, DIGEST_INFO, 32));
  }

  /** True when `value` has the shape of a sealed value (it may still fail to open). */
  static isSealed(value: string): boolean {
    return value.startsWith(`${VERSION}:`);
  }

  /**
   * Encrypts `plaintext`. `context` (for example `connectors.password`) is authenticated but not stored: a value
   * copied into another column or record kind fails to open instead of being used as the wrong secret.
   */
  seal(plaintext: string, context = ''): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.sealKey, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64url'), ciphertext.toString('base64url'), cipher.getAuthTag().toString('base64url')].join(':');
  }

  /** Decrypts a value made by `seal` with the same context; throws SecretDecryptError otherwise. */
  open(sealed: string, context = ''): string {
    const parts = sealed.split(':');
    if (parts[0] !== VERSION) {
      throw new SecretDecryptError(`unknown format (expected a "${VERSION}:" value)`);
    }
    if (parts.length !== 4 || !parts.slice(1).every((p) => PART.test(p))) {
      throw new SecretDecryptError('the stored value is malformed');
    }
    const iv = Buffer.from(parts[1], 'base64url');
    const ciphertext = Buffer.from(parts[2], 'base64url');
    const tag = Buffer.from(parts[3], 'base64url');
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
      throw new SecretDecryptError('the stored value is malformed');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.sealKey, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretDecryptError(
        'authentication failed (COPILOT_ENCRYPTION_KEY differs from the key it was sealed with, or the value was altered)',
      );
    }
  }

  /**
   * Keyed fingerprint (HMAC-SHA256, hex) of a value. Used to notice that secrets changed without storing a plain
   * hash, which for a short password could be reversed by guessing.
   */
  digest(value: string): string {
    return createHmac('sha256', this.digestKey).update(value, 'utf8').digest('hex');
  }

  /** Constant-time comparison of two fingerprints made by `digest`. */
  static sameDigest(a: string, b: string): boolean {
    const left = Buffer.from(a);
    const right = Buffer.from(b);
    return left.length === right.length && timingSafeEqual(left, right);
  }
}
