import type { FakeResponse } from '../http/fake-http-server';

/**
 * Wazuh's response envelopes, per the Wazuh server REST API v4 reference (wazuh/wazuh `api/api/spec/spec.yaml`,
 * tag v4.14.7) and the framework code that renders them (`framework/wazuh/core/results.py`,
 * `AffectedItemsWazuhResult.render`, and `api/api/error_handler.py` at the same tag).
 */

/** Error texts of `framework/wazuh/core/exception.py` (v4.14.7) for the codes the fake produces. */
export const WAZUH_ERRORS = {
  1701: {
    message: 'Agent does not exist',
    remediation: 'Please, use `GET /agents?select=id,name` to find all available agents',
  },
  1703: {
    message: 'Action not available for Manager (agent 000)',
    remediation:
      'Please, use `GET /agents?select=id,name` to find all available agents and make sure you select an agent other than 000',
  },
  1707: {
    message: 'Cannot send request, agent is not active',
    remediation: 'Please, check non-active agents connection and try again.',
  },
  1710: {
    message: 'The group does not exist',
    remediation: 'Please, use `GET /agents/groups` to find all available groups',
  },
  1731: {
    message: 'Agent is not eligible for the action to be performed',
    remediation: 'Please, make sure the agent meets the requirements.',
  },
  // 1810-1899 are reserved for the upgrade module, whose own text is passed through.
  1819: { message: 'Upgrade procedure could not start. Agent already updated' },
} as const;

export type WazuhErrorCode = keyof typeof WAZUH_ERRORS;

/** A failed item before grouping: which id failed and why (optionally with the API's extra message). */
export interface Failure {
  id: string;
  code: WazuhErrorCode;
  extra?: string;
}

export interface ResultMessages {
  all: string;
  some: string;
  none: string;
}

/**
 * `{data: {affected_items, total_affected_items, total_failed_items, failed_items}, message, error}`.
 * failed_items groups ids by error: `{error: {code, message, remediation?}, id: [...]}` sorted by code, ids sorted
 * numerically. `error` is 0 when nothing failed, 1 when everything failed, 2 when some failed (results.py).
 */
export function affectedItems(
  items: unknown[],
  failures: Failure[],
  messages: ResultMessages,
  options: { totalAffected?: number; status?: number } = {},
): FakeResponse {
  const grouped = new Map<string, { code: number; message: string; remediation?: string; ids: string[] }>();
  for (const failure of failures) {
    const known = WAZUH_ERRORS[failure.code];
    const message = failure.extra ? `${known.message}: ${failure.extra}` : known.message;
    const key = `${failure.code}|${message}`;
    const entry = grouped.get(key) ?? {
      code: failure.code,
      message,
      ...('remediation' in known ? { remediation: known.remediation } : {}),
      ids: [],
    };
    entry.ids.push(failure.id);
    grouped.set(key, entry);
  }
  const failed = [...grouped.values()]
    .sort((a, b) => a.code - b.code)
    .map(({ code, message, remediation, ids }) => ({
      error: { code, message, ...(remediation ? { remediation } : {}) },
      id: ids.sort((a, b) => Number(a) - Number(b)),
    }));
  const totalAffected = options.totalAffected ?? items.length;
  const totalFailed = failures.length;
  const error = totalFailed === 0 ? 0 : totalAffected > 0 ? 2 : 1;
  const message = totalFailed === 0 ? messages.all : totalAffected === 0 ? messages.none : messages.some;
  return {
    status: options.status ?? 200,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: {
      data: {
        affected_items: items,
        total_affected_items: totalAffected,
        total_failed_items: totalFailed,
        failed_items: failed,
      },
      message,
      error,
    },
  };
}

/** Connexion problem documents, `application/problem+json` (api/controllers/util.py ERROR_CONTENT_TYPE). */
export class WazuhProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
  }

  toResponse(): FakeResponse {
    return {
      status: this.status,
      headers: { 'content-type': 'application/problem+json; charset=utf-8' },
      body: { title: this.title, detail: this.detail, ...this.extra },
    };
  }
}

/** `ResponseError` (spec.yaml v4.14.7 components/responses): a request that fails validation. */
export const badRequest = (detail: string) => new WazuhProblem(400, 'Bad Request', detail);

/** `ResourceNotFoundResponse` (spec.yaml v4.14.7): carries the Wazuh error code and a remediation. */
export function notFound(code: 1701 | 1710): WazuhProblem {
  const known = WAZUH_ERRORS[code];
  return new WazuhProblem(404, 'Resource Not Found', known.message, { remediation: known.remediation, error: code });
}

/** `UnauthorizedResponse` / `InvalidCredentialsResponse` (spec.yaml v4.14.7). */
export const unauthorized = (detail: string) => new WazuhProblem(401, 'Unauthorized', detail);
