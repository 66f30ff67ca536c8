import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, ServiceUnavailableError } from '@copilot/api-core';
import { PdfRenderer } from './pdf-renderer';

const renderer = (chromiumPath: string) => new PdfRenderer({ chromiumPath } as AppConfig);

describe('PdfRenderer without a usable Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'copilot-pdf-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers 503 naming chromium and the path when nothing is there', async () => {
    const err = await renderer(join(dir, 'no-such-chromium')).render('<p>x</p>').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceUnavailableError);
    expect((err as ServiceUnavailableError).dependency).toBe('chromium');
    expect((err as Error).message).toContain(join(dir, 'no-such-chromium'));
  });

  it('answers 503 naming chromium when the file is not an executable', async () => {
    const file = join(dir, 'not-executable');
    writeFileSync(file, 'text', { mode: 0o644 });
    await expect(renderer(file).render('<p>x</p>')).rejects.toThrow(/^chromium: no executable/);
  });

  it('answers 503 naming chromium when the executable is not a browser that starts', async () => {
    const file = join(dir, 'fake-chromium');
    writeFileSync(file, '#!/bin/sh\nexit 3\n', { mode: 0o755 });
    const err = await renderer(file).render('<p>x</p>').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceUnavailableError);
    expect((err as Error).message).toMatch(/^chromium: could not start/);
  });
});
