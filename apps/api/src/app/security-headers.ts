import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

function parseCsp(csp: string): Record<string, string[]> {
  return Object.fromEntries(csp.split('; ').map((d) => {
    const [k, ...v] = d.split(' ');
    return [k, v];
  }));
}

/**
 * Helmet's headers (our CSP, no HSTS: TLS ends at the proxy), computed once at boot and set on every reply.
 * @fastify/helmet re-created the helmet middleware on each request, a measurable share of a list call's CPU;
 * the headers are static here, so computing them once gives the same answer for nothing.
 */
export function registerSecurityHeaders(fastify: FastifyInstance, csp: string): void {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: string | number) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  helmet({ contentSecurityPolicy: { useDefaults: false, directives: parseCsp(csp) }, crossOriginEmbedderPolicy: false, hsts: false })(
    {} as never, res as never, () => undefined,
  );
  fastify.addHook('onRequest', (_req, reply, done) => {
    reply.headers(headers);
    done();
  });
}
