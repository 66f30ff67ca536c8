import { defineConfig, devices } from '@playwright/test';
import { nxE2EPreset } from '@nx/playwright/preset';
import { workspaceRoot } from '@nx/devkit';

/**
 * Starts the built api on a loopback port with a fresh data directory (src/support/serve-api.mjs); it serves
 * the built console at / and portal at /portal/. Tests drive Debian's Chromium. Build first:
 * `npx nx run-many -t build -p api console portal` (the Nx `e2e` target does this itself).
 * Every worker loads this module too: shared values go through process.env so all agree.
 */
const port = Number(process.env['E2E_CONSOLE_PORT'] ?? 5055);
process.env['COPILOT_E2E_ADMIN_PASSWORD'] ??= 'e2e-Admin-Passphrase-2026';
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  ...nxE2EPreset(import.meta.dirname, { testDir: './src', openHtmlReport: 'never' }),
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    timezoneId: 'Europe/Berlin',
    locale: 'en-GB',
    // Material skips its open animations for reduced motion, so a dialog focuses its first field at once.
    // With animations, that focus lands when the animation ends, which on a loaded machine can be after a
    // flow started typing in the next field, sending the text into the first one.
    reducedMotion: 'reduce',
  },
  webServer: {
    command: 'node apps/console-e2e/src/support/serve-api.mjs console-e2e',
    cwd: workspaceRoot,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    env: {
      PORT: String(port),
      COPILOT_ADMIN_PASSWORD: process.env['COPILOT_E2E_ADMIN_PASSWORD'],
      LOG_LEVEL: 'warn',
    },
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
  ],
});
