import { Logger } from '@nestjs/common';
import { bodyExcerpt, DomainError, redactText, UpstreamAuthError } from '@copilot/api-core';
import type { GraylogClient } from './graylog.client';
import { GRAYLOG, type GraylogSystem, type GraylogVerifyResult } from './graylog.types';

/** Graylog major version CoPilot is built against; older ones still work for most calls but get a warning. */
const EXPECTED_MAJOR = 6;
const logger = new Logger(`Connector:${GRAYLOG}`);

/**
 * Connector health check: `GET /api/system` (is it Graylog, which version, is the node processing), then the
 * roles of the user the credentials belong to (do they work beyond the one call, and with which rights).
 * Never throws; each failure says which step failed and why.
 */
export async function verifyGraylog(client: GraylogClient): Promise<GraylogVerifyResult> {
  let system: GraylogSystem;
  try {
    system = await client.system({ probe: true });
  } catch (err) {
    return { ok: false, message: describeSystemFailure(client, err) };
  }

  // Shortened: the string is whatever the server says, and it ends up in lastError and the console.
  const connected = `connected to Graylog ${bodyExcerpt(system.version.raw, 60) || '(no version)'}`;
  let username: string | null;
  let roles: string[];
  try {
    username = await client.currentUsername();
    if (username === null) {
      return {
        ok: false,
        message: `${connected}, but Graylog did not say which user the access token belongs to (GET /api/system/sessions)`,
      };
    }
    roles = (await client.rolesOf(username)).map((role) => role.name);
  } catch (err) {
    const who = client.auth.kind === 'token' ? "the access token's user" : `user "${client.auth.username}"`;
    return { ok: false, message: `${connected}, but reading the roles of ${who} failed: ${describe(err)}` };
  }

  const node = `cluster ${system.clusterId}, node ${system.nodeId}, lifecycle ${system.lifecycle ?? 'unknown'}`;
  const granted = roles.length > 0 ? `roles ${roles.join(', ')}` : 'no roles';
  const warnings = versionWarnings(system);
  if (system.isProcessing === false) warnings.push('the node is not processing messages');
  return {
    ok: true,
    message: `${connected} (${node}); user "${username}" has ${granted}${warnings.map((w) => `; warning: ${w}`).join('')}`,
  };
}

function versionWarnings(system: GraylogSystem): string[] {
  const { major } = system.version;
  const raw = bodyExcerpt(system.version.raw, 60);
  if (major === null) return [`version "${raw}" was not recognised; CoPilot expects Graylog ${EXPECTED_MAJOR}.x`];
  if (major < EXPECTED_MAJOR)
    return [
      `Graylog ${raw} is older than ${EXPECTED_MAJOR}.0, which CoPilot expects; some calls may answer differently`,
    ];
  return [];
}

function describeSystemFailure(client: GraylogClient, err: unknown): string {
  if (err instanceof UpstreamAuthError && err.upstreamStatus === 401) {
    return client.auth.kind === 'token'
      ? `wrong credentials: ${GRAYLOG} rejected the access token (HTTP 401)`
      : `wrong credentials: ${GRAYLOG} rejected the username or password (HTTP 401)`;
  }
  if (err instanceof UpstreamAuthError) {
    return `${GRAYLOG} user may not read the system overview (HTTP 403 from GET /api/system); grant it system:read, e.g. with the Reader role`;
  }
  return describe(err);
}

function describe(err: unknown): string {
  if (err instanceof DomainError) return err.message;
  // A bug, not a state of Graylog: keep the stack in the log, give the operator the gist.
  logger.error(`verify failed unexpectedly: ${redactText(String(err))}`, err instanceof Error ? err.stack : undefined);
  return `unexpected error while verifying ${GRAYLOG}: ${redactText(String(err))}`;
}
