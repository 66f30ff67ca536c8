import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RequestWithPrincipal } from '../auth/principal';
import type { AuditService } from './audit.service';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/**
 * The sign-in handler writes its own, richer rows (the account tried, the outcome); the hook only
 * records sign-in requests refused before reaching it (a malformed form, an oversize body).
 */
const SELF_AUDITED = new Set(['/api/auth/token']);
const REFUSED_BEFORE_HANDLER = new Set([400, 413, 415]);

type AuditedRequest = FastifyRequest & RequestWithPrincipal & { createdId?: string };

/**
 * One Fastify hook pair audits every mutating request, including those refused before any handler
 * ran (bad token, bad body, oversize), which an interceptor would never see. onSend notes the id
 * of a created entity, so "who created customer 7" has an answer.
 */
export function registerAuditHook(fastify: FastifyInstance, audit: AuditService): void {
  fastify.addHook('onSend', async (req: AuditedRequest, reply, payload) => {
    if (req.method === 'POST' && reply.statusCode === 201 && typeof payload === 'string' && payload.startsWith('{')) {
      try {
        const id = (JSON.parse(payload) as { id?: unknown }).id;
        if (typeof id === 'string' || typeof id === 'number') req.createdId = String(id);
      } catch {
        // not JSON after all: nothing to note
      }
    }
    return payload;
  });
  fastify.addHook('onResponse', async (req: AuditedRequest, reply) => {
    if (!MUTATING.has(req.method)) return;
    const route = req.routeOptions.url ?? req.url.split('?')[0];
    if (!route.startsWith('/api/')) return;
    const status = reply.statusCode;
    if (SELF_AUDITED.has(route) && !REFUSED_BEFORE_HANDLER.has(status)) return;
    const params = (req.params ?? {}) as Record<string, unknown>;
    const id = params['id'] ?? params['runId'] ?? req.createdId ?? null;
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
