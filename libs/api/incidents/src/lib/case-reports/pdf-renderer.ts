import { Injectable } from '@nestjs/common';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import type { Browser, BrowserType } from 'playwright-core';
import { AppConfig, ServiceUnavailableError } from '@copilot/api-core';

/** The dependency every PDF 503 names, so problem+json and the logs agree on what is missing. */
export const CHROMIUM_DEPENDENCY = 'chromium';

/** Flags for a server without a display, user namespaces or a reason to talk to Google. */
const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/** Each render starts its own Chromium (crash isolation, nothing shared between customers); two at once bound the memory. */
const MAX_CONCURRENT = 2;
const TIMEOUT_MS = 30_000;

/**
 * HTML → PDF through headless Chromium (playwright-core, Debian's binary at CHROMIUM_PATH). The page
 * runs with JavaScript disabled and every network request aborted, so only the given HTML renders.
 */
@Injectable()
export class PdfRenderer {
  private running = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly config: AppConfig) {}

  async render(html: string): Promise<Buffer> {
    const path = this.config.chromiumPath;
    try {
      await access(path, constants.X_OK);
    } catch {
      throw new ServiceUnavailableError(CHROMIUM_DEPENDENCY, `no executable at ${path}: install Debian's chromium package or set CHROMIUM_PATH`);
    }
    await this.slot();
    try {
      return await this.print(path, html);
    } finally {
      this.release();
    }
  }

  /**
   * Loaded on first use: the api boots (and serves everything but PDFs) even where the package is
   * missing, e.g. an image built without it, and the PDF route says so as a 503.
   */
  private async driver(): Promise<BrowserType> {
    try {
      return (await import('playwright-core')).chromium;
    } catch (err) {
      throw new ServiceUnavailableError(CHROMIUM_DEPENDENCY, `the playwright-core package that drives it cannot be loaded: ${(err as Error).message.split('\n')[0]}`);
    }
  }

  private async print(path: string, html: string): Promise<Buffer> {
    const chromium = await this.driver();
    let browser: Browser;
    try {
      browser = await chromium.launch({ executablePath: path, args: LAUNCH_ARGS, headless: true, timeout: TIMEOUT_MS });
    } catch (err) {
      const first = (err instanceof Error ? err.message : String(err)).split('\n')[0];
      throw new ServiceUnavailableError(CHROMIUM_DEPENDENCY, `could not start ${path}: ${first}`);
    }
    try {
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
      await context.route('**/*', (route) => route.abort());
      const page = await context.newPage();
      page.setDefaultTimeout(TIMEOUT_MS);
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf({ format: 'A4', printBackground: true, tagged: true, margin: { top: '15mm', bottom: '15mm', left: '12mm', right: '12mm' } });
    } finally {
      await browser.close();
    }
  }

  private async slot(): Promise<void> {
    if (this.running < MAX_CONCURRENT) {
      this.running++;
      return;
    }
    // The releasing render hands its slot straight over, so `running` stays counted.
    await new Promise<void>((resolve) => this.queue.push(resolve));
  }

  private release(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.running--;
  }
}
