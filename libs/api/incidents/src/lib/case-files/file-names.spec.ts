import { BadInputError } from '@copilot/api-core';
import { attachmentDisposition, checkUploadName, keyPartOf, storedContentType } from './file-names';

describe('checkUploadName', () => {
  it.each(['../etc/passwd', '..\\boot.ini', 'a/b.txt', 'C:\\Users\\x\\evil.exe', '.', '..', '', '   ', 'bell\u0007.txt', 'line\nbreak.txt', 'nul\u0000.txt', 'c1\u0085.txt', 'x'.repeat(256)])(
    'refuses %j with a 400 naming the file field',
    (name) => {
      let caught: unknown;
      try {
        checkUploadName(name);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(BadInputError);
      expect((caught as BadInputError).errors).toEqual([expect.objectContaining({ field: 'file' })]);
    },
  );

  it.each([
    ['report.pdf', 'report.pdf'],
    ['  spaced name.docx ', 'spaced name.docx'],
    ['Café ☕ 日本.txt', 'Café ☕ 日本.txt'],
    ['.bashrc', '.bashrc'],
    ['x'.repeat(255), 'x'.repeat(255)],
  ])('keeps %j as %j', (name, kept) => {
    expect(checkUploadName(name)).toBe(kept);
  });
});

describe('keyPartOf', () => {
  it('turns any accepted name into a safe key part', () => {
    expect(keyPartOf('Café ☕.txt')).toBe('Caf_ _.txt');
    expect(keyPartOf('.bashrc')).toBe('_bashrc');
    expect(keyPartOf('a..b.txt')).toBe('a.b.txt');
    expect(keyPartOf('x'.repeat(255)).length).toBeLessThanOrEqual(120);
  });
});

describe('storedContentType', () => {
  it('keeps plain media types, lower-cased, and falls back to octet-stream for anything else', () => {
    expect(storedContentType('Application/PDF')).toBe('application/pdf');
    expect(storedContentType('text/plain; charset=utf-8')).toBe('text/plain; charset=utf-8');
    for (const bad of [undefined, '', 'pdf', 'text/html\r\nX-Evil: 1', `a/${'b'.repeat(300)}`]) expect(storedContentType(bad)).toBe('application/octet-stream');
  });
});

describe('attachmentDisposition', () => {
  it('sends an ASCII fallback that cannot break out of its quotes and the exact name in filename*', () => {
    const header = attachmentDisposition('evil"; filename="x.html');
    expect(header).toBe(`attachment; filename="evil__ filename__x.html"; filename*=UTF-8''evil%22%3B%20filename%3D%22x.html`);
    expect(attachmentDisposition("Café (1)'s.txt")).toBe(`attachment; filename="Caf_ _1__s.txt"; filename*=UTF-8''Caf%C3%A9%20%281%29%27s.txt`);
  });
});
