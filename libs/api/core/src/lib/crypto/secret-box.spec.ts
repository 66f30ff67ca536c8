import { randomBytes } from 'node:crypto';
import { SecretBox, SecretDecryptError } from './secret-box';

describe('SecretBox', () => {
  const key = randomBytes(48);
  const box = new SecretBox(key);

  it('round-trips text, including unicode and the empty string', () => {
    for (const plain of ['correct-horse-battery-staple', 'pässwörd ✓ 密码', '', 'x'.repeat(300_000)]) {
      expect(box.open(box.seal(plain))).toBe(plain);
    }
  });

  it('writes the versioned v1 format and never the plaintext', () => {
    const sealed = box.seal('Sup3rS3cret!');
    expect(sealed).toMatch(/^v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]+:[A-Za-z0-9_-]{22}$/);
    expect(sealed).not.toContain('Sup3rS3cret');
    expect(Buffer.from(sealed.split(':')[2], 'base64url').toString('utf8')).not.toContain('Sup3rS3cret');
    expect(SecretBox.isSealed(sealed)).toBe(true);
    expect(SecretBox.isSealed('Sup3rS3cret!')).toBe(false);
  });

  it('uses a fresh random IV each time, so equal secrets do not look equal in the database', () => {
    const a = box.seal('same');
    const b = box.seal('same');
    expect(a).not.toBe(b);
    expect(a.split(':')[1]).not.toBe(b.split(':')[1]);
  });

  it('refuses to open a value sealed under another key, with a clear message', () => {
    const other = new SecretBox(randomBytes(32));
    const sealed = other.seal('secret');
    expect(() => box.open(sealed)).toThrow(SecretDecryptError);
    expect(() => box.open(sealed)).toThrow(/COPILOT_ENCRYPTION_KEY differs from the key it was sealed with, or the value was altered/);
  });

  it('derives the same key from the same master key (a restart can open old rows)', () => {
    const again = new SecretBox(Buffer.from(key));
    expect(again.open(box.seal('still readable'))).toBe('still readable');
  });

  it('detects any change to the ciphertext, the IV or the tag', () => {
    const sealed = box.seal('tamper me');
    const parts = sealed.split(':');
    for (const i of [1, 2, 3]) {
      const bytes = Buffer.from(parts[i], 'base64url');
      bytes[0] ^= 0x01;
      const altered = [...parts];
      altered[i] = bytes.toString('base64url');
      expect(() => box.open(altered.join(':'))).toThrow(SecretDecryptError);
    }
  });

  it('binds a value to its context: a password copied into the api-key column does not open', () => {
    const sealed = box.seal('hunter2', 'connectors.password');
    expect(box.open(sealed, 'connectors.password')).toBe('hunter2');
    expect(() => box.open(sealed, 'connectors.api_key')).toThrow(SecretDecryptError);
  });

  it.each([
    ['plaintext left in the column', 'hunter2', /unknown format/],
    ['another version', 'v2:aaaa:bbbb:cccc', /unknown format/],
    ['missing parts', 'v1:abc', /malformed/],
    ['bad characters', 'v1:a+b:c/d:e==', /malformed/],
    ['short IV', `v1:${Buffer.alloc(4).toString('base64url')}:AA:${Buffer.alloc(16).toString('base64url')}`, /malformed/],
  ])('refuses %s with a clear error', (_label, value, message) => {
    expect(() => box.open(value)).toThrow(message);
  });

  it('refuses a master key shorter than 32 bytes', () => {
    expect(() => new SecretBox(randomBytes(16))).toThrow(/at least 32 bytes/);
  });

  it('fingerprints values with a key: stable per install, different across installs, not a plain hash', () => {
    const other = new SecretBox(randomBytes(32));
    expect(box.digest('hunter2')).toBe(box.digest('hunter2'));
    expect(box.digest('hunter2')).not.toBe(box.digest('hunter3'));
    expect(box.digest('hunter2')).not.toBe(other.digest('hunter2'));
    expect(box.digest('hunter2')).toMatch(/^[0-9a-f]{64}$/);
    expect(SecretBox.sameDigest(box.digest('a'), box.digest('a'))).toBe(true);
    expect(SecretBox.sameDigest(box.digest('a'), box.digest('b'))).toBe(false);
  });
});
