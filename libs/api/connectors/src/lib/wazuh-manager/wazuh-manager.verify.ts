import type { Logger } from '@nestjs/common';
import { DomainError, redactText, UpstreamAuthError } from '@copilot/api-core';
import { LOGIN_PATH } from './wazuh-manager.session';
import { WAZUH_MANAGER } from './wazuh-manager.types';

/** Operator-facing text for a failed verify step; never a secret, always something to act on. */
export function describeFailure(err: unknown, logger: Logger): string {
  if (err instanceof DomainError) return err.message;
  // A bug, not a state of the manager: keep the stack in the log, give the operator the gist.
  logger.error(`verify failed unexpectedly: ${redactText(String(err))}`, err instanceof Error ? err.stack : undefined);
  return `unexpected error: ${redactText(String(err))}`;
}

/** The login step's failure, with the two answers an operator can fix themselves spelled out. */
export function describeLoginFailure(err: unknown, logger: Logger): string {
  if (err instanceof UpstreamAuthError && err.upstreamStatus === 401) {
    return `wrong credentials: ${WAZUH_MANAGER} rejected the username or password at POST ${LOGIN_PATH} (HTTP 401)`;
  }
  if (err instanceof UpstreamAuthError && err.upstreamStatus === 403) {
    // Wazuh blocks an address for api.yaml `access.block_time` after `access.max_login_attempts` failed logins.
    return (
      `${WAZUH_MANAGER} refused to log in (HTTP 403 at POST ${LOGIN_PATH}); it blocks an address for a while after ` +
      `too many failed logins, so fix the password and retry later: ${describeFailure(err, logger)}`
    );
  }
  return `login (POST ${LOGIN_PATH}) failed: ${describeFailure(err, logger)}`;
}
