import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, statSync } from 'node:fs';
import { join, normalize, resolve, sep } from 'node:path';
import { PROBLEM_CONTENT_TYPE, problem } from '@copilot/api-core';

/** The browser apps' CSP: no inline script anywhere; Material needs inline styles. */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

interface SpaRoot {
  prefix: string;
  dir: string;
}

function fileIn(root: string, urlPath: string): string | null {
  const rel = normalize(decodeURIComponent(urlPath)).replace(/^([/\\])+/, '');
  const full = resolve(root, rel);
  if (!full.startsWith(resolve(root) + sep)) return null;
  return existsSync(full) && statSync(full).isFile() ? full : null;
}

/**
 * Serves the console at / and the portal at /portal/ from their builds, with deep links falling
 * back to index.html. Unknown /api paths answer a problem+json 404, never the app's HTML.
 */
export async function registerWebApps(fastify: FastifyInstance, distDir: string): Promise<string[]> {
  const all: (SpaRoot & { built: boolean })[] = [
    { prefix: '/portal/', dir: join(distDir, 'portal', 'browser') },
    { prefix: '/', dir: join(distDir, 'console', 'browser') },
  ].map((r) => ({ ...r, built: existsSync(join(r.dir, 'index.html')) }));
  // Cache-Control is set per file below; @fastify/static would otherwise overwrite it.
  await fastify.register(fastifyStatic, { root: distDir, serve: false, cacheControl: false });

  const handler = async (req: FastifyRequest, reply: FastifyReply) => {
    const path = req.url.split('?')[0];
    if (path === '/api' || path.startsWith('/api/')) {
      return reply.code(404).type(PROBLEM_CONTENT_TYPE).send(problem(404, `No route ${req.method} ${path}`));
    }
    if (path === '/portal') return reply.redirect('/portal/', 301);
    // The first matching prefix owns the path, built or not: /portal/ never falls through to the console.
    const root = all.find((r) => path.startsWith(r.prefix));
    if (!root?.built) return reply.code(404).type(PROBLEM_CONTENT_TYPE).send(problem(404, 'This web app is not built: run `npm start`'));
    const file = fileIn(root.dir, path.slice(root.prefix.length));
    if (file && !file.endsWith('index.html')) {
      // Hashed bundle names change with every build, so they can be cached for long.
      const hashed = /[.-][A-Z0-9]{8,}\.(js|css|woff2?)$/i.test(file);
      return reply.header('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache').sendFile(file.slice(root.dir.length + 1), root.dir);
    }
    if (/\.[a-z0-9]{1,5}$/i.test(path)) return reply.code(404).type(PROBLEM_CONTENT_TYPE).send(problem(404, `No file ${path}`));
    return reply.header('Cache-Control', 'no-cache').type('text/html; charset=utf-8').sendFile('index.html', root.dir);
  };
  fastify.get('/', handler);
  fastify.get('/*', handler);
  return all.filter((r) => r.built).map((r) => r.prefix);
}
