import { BadInputError } from '../errors/domain-errors';
import { assertValidKey, assertValidPrefix, checkPutOptions, objectKey, sanitizeFileName } from './object-key';

function badInput(run: () => unknown): BadInputError {
  try {
    run();
  } catch (err) {
    if (err instanceof BadInputError) return err;
    throw err;
  }
  throw new Error('expected a BadInputError');
}

describe('objectKey', () => {
  it('joins validated parts with "/" and accepts non-negative integers', () => {
    expect(objectKey('cases', 42, 'report final.pdf')).toBe('cases/42/report final.pdf');
    expect(objectKey('x')).toBe('x');
    expect(objectKey('a', 0)).toBe('a/0');
  });

  it.each([
    ['an empty part', ['cases', ''], 1, 'must not be empty'],
    ['a slash', ['cases', 'a/b'], 1, '"/"'],
    ['a backslash', ['a\\b'], 0, '"\\"'],
    ['a parent reference', ['cases', '..'], 1, '".."'],
    ['an embedded ..', ['x..y'], 0, '".."'],
    ['a NUL byte', ['ok', 'a\u0000b'], 1, 'control characters'],
    ['a newline', ['a\nb'], 0, 'control characters'],
    ['a C1 control', ['a\u0085b'], 0, 'control characters'],
    ['a leading dot', ['.env'], 0, 'must not start with "."'],
    ['more than 200 characters', ['a'.repeat(201)], 0, 'at most 200'],
  ])('rejects %s and names the part', (_label, parts, index, reason) => {
    const err = badInput(() => objectKey(...parts));
    expect(err.message).toContain(`part ${index}`);
    expect(err.message).toContain(reason);
    expect(err.errors[0]?.field).toBe(`objectKey[${index}]`);
  });

  it('accepts a part of exactly 200 characters', () => {
    expect(objectKey('a'.repeat(200))).toHaveLength(200);
  });

  it('rejects numbers that are not non-negative integers', () => {
    for (const n of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60]) {
      expect(badInput(() => objectKey('cases', n)).errors[0]?.field).toBe('objectKey[1]');
    }
  });

  it('rejects no parts and keys longer than S3 allows', () => {
    badInput(() => objectKey());
    const parts = Array.from({ length: 6 }, () => 'p'.repeat(200));
    expect(badInput(() => objectKey(...parts)).message).toContain('1024 bytes');
  });

  it('escapes a rejected part in the message so it cannot forge log lines', () => {
    expect(badInput(() => objectKey('a\r\nFAKE LOG LINE')).message).not.toMatch(/[\r\n]/);
  });
});

describe('assertValidKey and assertValidPrefix', () => {
  it('check every segment of a key', () => {
    expect(() => assertValidKey('cases/1/a.txt')).not.toThrow();
    for (const key of ['', '/a', 'a/', 'a//b', 'a/../b', '../a', 'a/.hidden', 'a\\b']) {
      badInput(() => assertValidKey(key));
    }
  });

  it('allow a partial or empty last segment in a prefix only', () => {
    for (const prefix of ['', 'cases/', 'cases/1', 'cases/1/re']) expect(() => assertValidPrefix(prefix)).not.toThrow();
    for (const prefix of ['../', 'a//', '/a', 'a/..', 'a/.x', 'a\\b']) badInput(() => assertValidPrefix(prefix));
  });
});

describe('checkPutOptions', () => {
  it('defaults the content type and accepts media types with parameters', () => {
    expect(checkPutOptions(undefined)).toEqual({ contentType: 'application/octet-stream', maxBytes: undefined });
    expect(checkPutOptions({ contentType: 'text/csv; charset="utf-8"', maxBytes: 0 })).toEqual({ contentType: 'text/csv; charset="utf-8"', maxBytes: 0 });
    expect(checkPutOptions({ contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }).contentType).toContain('wordprocessingml');
  });

  it('rejects header injection, junk types and bad limits', () => {
    expect(badInput(() => checkPutOptions({ contentType: 'text/html\r\nSet-Cookie: x=1' })).errors[0]?.field).toBe('contentType');
    badInput(() => checkPutOptions({ contentType: 'nonsense' }));
    badInput(() => checkPutOptions({ contentType: '' }));
    expect(badInput(() => checkPutOptions({ maxBytes: 1.5 })).errors[0]?.field).toBe('maxBytes');
    badInput(() => checkPutOptions({ maxBytes: -1 }));
  });
});

describe('sanitizeFileName', () => {
  it.each([
    ['report.pdf', 'report.pdf'],
    ['  spaced name.txt  ', 'spaced name.txt'],
    ['/etc/passwd', 'passwd'],
    ['../../secret.txt', 'secret.txt'],
    ['C:\\Users\\bob\\Desktop\\evil.exe', 'evil.exe'],
    ['résumé (final).docx', 'r_sum_ _final_.docx'],
    ['a;b|c$d.sh', 'a_b_c_d.sh'],
    ['.bashrc', '_bashrc'],
    ['archive..tar..gz', 'archive.tar.gz'],
    ['...', '_'],
    ['名前.txt', '__.txt'],
  ])('%j becomes %j', (input, expected) => {
    expect(sanitizeFileName(input)).toBe(expected);
  });

  it.each([[''], ['   '], ['.'], ['..'], ['dir/'], ['dir/..'], ['C:\\temp\\..'], ['a\u0000b.txt'], ['bad\nname.txt'], ['tab\there']])(
    'rejects %j',
    (input) => {
      expect(badInput(() => sanitizeFileName(input)).errors[0]?.field).toBe('fileName');
    },
  );

  it('caps long names at 120 characters and keeps the extension', () => {
    const out = sanitizeFileName(`${'x'.repeat(300)}.tar.gz`);
    expect(out).toHaveLength(120);
    expect(out.endsWith('.gz')).toBe(true);
    expect(out.startsWith('xxxx')).toBe(true);
  });

  it('does not keep an absurdly long "extension", and never leaves ".." at the cut', () => {
    const longExt = sanitizeFileName(`name.${'e'.repeat(200)}`);
    expect(longExt).toHaveLength(120);
    expect(longExt.startsWith('name.')).toBe(true);
    const dotAtCut = sanitizeFileName(`${'a'.repeat(115)}.${'b'.repeat(50)}.pdf`);
    expect(dotAtCut).not.toContain('..');
    expect(dotAtCut.endsWith('.pdf')).toBe(true);
    expect(dotAtCut.length).toBeLessThanOrEqual(120);
  });

  it('always yields a valid objectKey part', () => {
    // Deterministic pseudo-random names over a nasty alphabet, so failures reproduce.
    const alphabet = ['a', 'Z', '9', '.', '..', ' ', '-', '_', '/', '\\', 'é', '😀', ':', '*', '?', '"', '<', '>', '|', '%', '~'];
    let seed = 7;
    const next = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    for (let i = 0; i < 2000; i++) {
      const name = Array.from({ length: 1 + (next() % 300) }, () => alphabet[next() % alphabet.length]).join('');
      let safe: string;
      try {
        safe = sanitizeFileName(name);
      } catch (err) {
        expect(err).toBeInstanceOf(BadInputError);
        continue;
      }
      expect(safe.length).toBeLessThanOrEqual(120);
      expect(() => objectKey('cases', 1, safe)).not.toThrow();
    }
  });
});
