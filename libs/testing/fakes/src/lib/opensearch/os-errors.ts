import type { FakeResponse } from '../http/fake-http-server';

/**
 * OpenSearch's error envelope: `{ error: { root_cause: [...], type, reason, ... }, status }`.
 * Shape as in the OpenSearch 2.x documentation examples (e.g. api-reference/index-apis/blocks and
 * api-reference/document-apis/get-documents); the write-block reason text is the one OpenSearch 2.x emits.
 */
export class OpenSearchError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly reason: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(reason);
  }

  toResponse(): FakeResponse {
    const cause = { type: this.type, reason: this.reason, ...this.extra };
    return { status: this.status, body: { error: { root_cause: [cause], ...cause }, status: this.status } };
  }
}

export const indexNotFound = (index: string) =>
  new OpenSearchError(404, 'index_not_found_exception', `no such index [${index}]`, {
    index,
    'resource.type': 'index_or_alias',
    'resource.id': index,
    index_uuid: '_na_',
  });

export const writeBlocked = (index: string) =>
  new OpenSearchError(403, 'cluster_block_exception', `index [${index}] blocked by: [FORBIDDEN/8/index write (api)];`);

export const badRequest = (reason: string, type = 'illegal_argument_exception') =>
  new OpenSearchError(400, type, reason);

export const parsingError = (reason: string) => new OpenSearchError(400, 'parsing_exception', reason);
