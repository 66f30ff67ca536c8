import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiProcess, http, HttpReply, killAll, removeDir, REPO_ROOT, startApi, tempDir } from './support/process';

jest.setTimeout(60_000);

const WEB = {
  console: { prefix: '/', deepLink: '/customers/1', index: join(REPO_ROOT, 'dist', 'apps', 'console', 'browser', 'index.html') },
  portal: { prefix: '/portal/', deepLink: '/portal/profile', index: join(REPO_ROOT, 'dist', 'apps', 'portal', 'browser', 'index.html') },
} as const;
const requireWeb = process.env['CI_REQUIRE_WEB'] === '1';

const isProblem = (res: HttpReply) => String(res.headers.get('content-type')).startsWith('application/problem+json');

/** The api serves the console at / and the portal at /portal/ on the embedded default (same origin, strict CSP). */
describe('web apps served by the api', () => {
  const dataDir = tempDir();
  let api: ApiProcess;

  beforeAll(async () => {
    api = await startApi(dataDir);
  });
  afterAll(async () => {
    await api?.stop();
    await killAll();
    removeDir(dataDir);
  });

  describe.each(Object.entries(WEB))('%s', (_name, app) => {
    const built = existsSync(app.index);

    if (requireWeb) {
      it('is built (CI_REQUIRE_WEB=1)', () => {
        expect(existsSync(app.index)).toBe(true);
      });
    }

    if (built || requireWeb) {
      it('serves its index.html at its root and for deep links', async () => {
        const index = readFileSync(app.index, 'utf8');
        for (const path of [app.prefix, app.deepLink]) {
          const res = await http(api.url, 'GET', path);
          expect(res.status).toBe(200);
          expect(res.headers.get('content-type')).toContain('text/html');
          expect(res.text).toBe(index);
          expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        }
      });

      it('has no inline script or inline event handler, which the CSP would block', () => {
        const index = readFileSync(app.index, 'utf8');
        const scripts = [...index.matchAll(/<script\b([^>]*)>/gi)].map((m) => m[1]);
        expect(scripts.length).toBeGreaterThan(0);
        for (const attrs of scripts) expect(attrs).toMatch(/\bsrc=/);
        expect(index).not.toMatch(/\son[a-z]+\s*=/i);
      });

      it('serves the scripts index.html loads, long-cached, and 404s an unknown file instead of the app', async () => {
        const index = readFileSync(app.index, 'utf8');
        const src = /<script\b[^>]*\bsrc="([^"]+)"/i.exec(index)?.[1];
        expect(src).toBeDefined();
        const script = await http(api.url, 'GET', `${app.prefix}${src}`);
        expect(script.status).toBe(200);
        expect(script.headers.get('content-type')).toContain('javascript');
        expect(script.headers.get('cache-control')).toContain('immutable');

        const missing = await http(api.url, 'GET', `${app.prefix}no-such-chunk-ABCDEFGH.js`);
        expect(missing.status).toBe(404);
        expect(isProblem(missing)).toBe(true);
      });
    } else {
      it('answers a problem+json 404 saying the apps are not built (folder absent here)', async () => {
        const res = await http<{ detail: string }>(api.url, 'GET', app.prefix);
        expect(res.status).toBe(404);
        expect(isProblem(res)).toBe(true);
        expect(res.body.detail).toContain('not built');
      });
    }
  });

  it('redirects /portal to /portal/', async () => {
    const res = await http(api.url, 'GET', '/portal');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/portal/');
  });

  it.each(['/api/x', '/api/customers/1/nothing-here', '/api'])('unknown %s answers a problem+json 404, never HTML', async (path) => {
    const res = await http<{ status: number }>(api.url, 'GET', path);
    expect(res.status).toBe(404);
    expect(isProblem(res)).toBe(true);
    expect(res.body.status).toBe(404);
    expect(res.text).not.toContain('<html');
  });

  it('does not serve files outside the app folders', async () => {
    for (const path of ['/%2e%2e/%2e%2e/%2e%2e/package.json', '/..%2f..%2f..%2fpackage.json', '/portal/%2e%2e/%2e%2e/api/main.js']) {
      const res = await http(api.url, 'GET', path);
      expect(res.text).not.toContain('"name": "@copilot');
      expect(res.text).not.toContain('webpackBootstrap');
    }
  });

  it('sends a strict CSP: scripts from self only, no inline script, no framing', async () => {
    for (const path of ['/', '/portal/', '/api/health']) {
      const res = await http(api.url, 'GET', path);
      const csp = res.headers.get('content-security-policy') ?? '';
      const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v] as const));
      const scriptSrc = directives.get('script-src') ?? directives.get('default-src');
      expect(scriptSrc).toEqual(["'self'"]);
      expect(directives.get('default-src')).toEqual(["'self'"]);
      expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
      expect(directives.get('object-src')).toEqual(["'none'"]);
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    }
  });
});
