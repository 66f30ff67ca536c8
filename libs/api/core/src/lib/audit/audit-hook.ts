import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RequestWithPrincipal } from '../auth/principal';
import type { AuditService } from './audit.service';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Routes that write their own, richer audit rows (a login names the account tried). */
const SELF_AUDITED = new Set(['/api/auth/token']);

/**
 * One Fastify onResponse hook audits every mutating request, including those refused before any
 * handler ran (bad token, bad body, oversize), which an interceptor would never see.
 */
export function registerAuditHook(fastify: FastifyInstance, audit: AuditService): void {
  fastify.addHook('onResponse', async (req: FastifyRequest & RequestWithPrincipal, reply) => {
    if (!MUTATING.has(req.method)) return;
    const route = req.routeOptions.url ?? req.url.split('?')[0];
    if (!route.startsWith('/api/') || SELF_AUDITED.has(route)) return;
    const status = reply.statusCode;
    const params = (req.params ?? {}) as Record<string, unknown>;
    const id = params['id'] ?? params['runId'] ?? null;
    await audit.record({
      actorId: req.principal?.id ?? null,
      actorUsername: req.principal?.username ?? null,
      action: `${req.method} ${route}`,
      entity: route.split('/')[2] ?? null,
      entityId: id === null ? null : String(id),
      outcome: status < 400 ? 'success' : status === 401 || status === 403 ? 'denied' : 'failure',
      statusCode: status,
      ip: req.ip,
    });
  });
}
