import type { Logger } from '@nestjs/common';
import {
  BadInputError,
  ConflictError,
  DomainError,
  PreconditionFailedError,
  redactText,
  ServiceUnavailableError,
  UpstreamAuthError,
  type OutboundResponse,
} from '@copilot/api-core';
import { grafanaMessage, isObject } from './grafana.parse';
import { GRAFANA, type OrgScope } from './grafana.types';

/** Input checks and error translation shared by the Grafana client's calls. */

export type AuthKind = 'basic' | 'token';

const bad = (field: string, message: string) => new BadInputError(`${field}: ${message}`, [{ field, message }]);

/** Grafana uids: up to 40 letters, digits, `-` and `_`; checked before they become a path segment. */
export function uidSegment(field: string, uid: string): string {
  if (typeof uid !== 'string' || !/^[A-Za-z0-9_-]{1,40}$/.test(uid)) {
    throw bad(field, 'must be 1-40 letters, digits, "-" or "_"');
  }
  return uid;
}

export function requiredText(field: string, value: unknown, max = 190): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) throw bad(field, 'required');
  if (text.length > max) throw bad(field, `must be at most ${max} characters`);
  return text;
}

/**
 * Credentials that cannot be sent: a Basic username with `:` (RFC 7617 splits at the first colon) or a token with
 * control characters. A token's surrounding whitespace (a pasted newline) has been trimmed before.
 */
export function checkCredentials(auth: AuthKind, username: string, apiKey: string | undefined): void {
  if (auth === 'basic' && username.includes(':'))
    throw bad('username', 'must not contain ":" (HTTP Basic auth cannot carry it)');
  if (auth === 'token' && [...(apiKey ?? '')].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f))
    throw bad('apiKey', 'must not contain control characters');
}

/** `X-Grafana-Org-Id` for an org-scoped call (auth.md: the organization the action applies to). */
export function orgHeaders(scope: OrgScope = {}): Record<string, string> {
  if (scope.orgId === undefined) return {};
  if (!Number.isInteger(scope.orgId) || scope.orgId < 1) throw bad('orgId', 'must be a positive whole number');
  return { 'x-grafana-org-id': String(scope.orgId) };
}

/**
 * A 401/403 on a call made for another organization has causes other than a wrong password: a service-account token
 * belongs to exactly one organization (authn error `api-key.organization-mismatch`), and a user must be a member.
 */
export function orgScopedAuthError(err: unknown, scope: OrgScope, auth: AuthKind): unknown {
  if (!(err instanceof UpstreamAuthError) || scope.orgId === undefined || err.upstreamStatus !== 401) return err;
  const body = err.upstreamBody;
  if (isObject(body) && body['messageId'] === 'api-key.organization-mismatch') {
    return new ServiceUnavailableError(
      GRAFANA,
      `the service-account token belongs to another organization than ${scope.orgId}; a token works in one organization only ` +
        '(use a server admin username and password to work across organizations)',
    );
  }
  if (auth === 'basic') {
    return new ServiceUnavailableError(
      GRAFANA,
      `refused for organization ${scope.orgId} (HTTP 401): wrong credentials, or the user is not a member of that organization`,
    );
  }
  return err;
}

/** The admin organizations API only accepts Basic auth of a Grafana server admin (org.md, "Admin Organizations API"). */
export function adminOrgsAuthError(err: unknown, auth: AuthKind, call: string): unknown {
  if (!(err instanceof UpstreamAuthError) || err.upstreamStatus !== 403) return err;
  return new ServiceUnavailableError(
    GRAFANA,
    auth === 'token'
      ? `managing organizations needs a Grafana server admin signing in with username and password; a service-account token cannot (HTTP 403 from ${call})`
      : `the Grafana user is not a server admin, which managing organizations needs (HTTP 403 from ${call})`,
  );
}

/** 400/409/412 answers to a create or save, as the caller's problem: bad input, conflict, or a stale version. */
export function refusal(response: OutboundResponse, what: string): Error {
  const { message, status } = grafanaMessage(response.text());
  if (response.status === 409) return new ConflictError(`${GRAFANA}: ${what} already exists: ${message}`);
  if (response.status === 412)
    return new PreconditionFailedError(
      `${GRAFANA}: ${what} was not saved (${status ?? 'precondition failed'}): ${message}`,
    );
  return new BadInputError(`${GRAFANA} refused the ${what}: ${message}`, [{ field: what, message }]);
}

/** Why verify failed, for the operator; a non-domain error is a bug and is logged with its stack. */
export function describeVerifyFailure(err: unknown, logger: Logger): string {
  if (err instanceof UpstreamAuthError) {
    // /api/health needs no credentials, so a refusal there comes from something in front of Grafana.
    return `${GRAFANA} answered GET /api/health with HTTP ${err.upstreamStatus}: a proxy in front of it may require other credentials`;
  }
  if (err instanceof DomainError) return err.message;
  logger.error(`verify failed unexpectedly: ${redactText(String(err))}`, err instanceof Error ? err.stack : undefined);
  return `unexpected error while verifying ${GRAFANA}: ${redactText(String(err))}`;
}
