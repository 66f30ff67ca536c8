import { HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { BadInputError, DomainError, FieldProblem } from './domain-errors';

/** RFC 9457 problem details, the one error shape of the api. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldProblem[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

export function problem(status: number, detail: string, errors?: FieldProblem[]): Problem {
  const p: Problem = { type: 'about:blank', title: TITLES[status] ?? HttpStatus[status] ?? 'Error', status, detail };
  if (errors && errors.length > 0) p.errors = errors;
  return p;
}

/** Fastify's own errors (body parsing, limits) carry `statusCode` and a `code` like FST_ERR_CTP_*. */
interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
}

const FASTIFY_DETAILS: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'Request body is larger than allowed',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Unsupported Content-Type',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'Body cannot be empty when Content-Type is application/json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'Content-Length does not match the body',
};

const logger = new Logger('Errors');

/** Maps anything thrown while handling a request to a problem and the headers to send. */
export function toProblem(err: unknown): { body: Problem; headers: Record<string, string> } {
  if (err instanceof DomainError) return { body: problem(err.status, err.message, err.errors), headers: err.headers };
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const res = err.getResponse();
    const detail = typeof res === 'string' ? res : ((res as { message?: unknown }).message ?? err.message);
    return { body: problem(status, Array.isArray(detail) ? detail.join('; ') : String(detail)), headers: {} };
  }
  const f = err as FastifyLikeError;
  if (f && typeof f.statusCode === 'number' && f.statusCode >= 400 && f.statusCode < 500) {
    const isJson = f.code === undefined && f instanceof SyntaxError;
    const detail = (f.code && FASTIFY_DETAILS[f.code]) ?? (isJson ? `Malformed JSON body: ${f.message}` : f.message ?? 'Bad request');
    return { body: problem(f.statusCode, detail), headers: {} };
  }
  // Anything else is a bug: log it with its stack, answer without internals.
  logger.error(err instanceof Error ? err.stack ?? err.message : String(err));
  return { body: problem(500, 'Internal server error'), headers: {} };
}

function flatten(errors: ValidationError[], prefix: string, out: FieldProblem[]): FieldProblem[] {
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    for (const message of Object.values(e.constraints ?? {})) out.push({ field, message });
    if (e.children?.length) flatten(e.children, field, out);
  }
  return out;
}

/** ValidationPipe's exceptionFactory: a 400 whose errors[] names every offending field. */
export function validationProblem(errors: ValidationError[]): BadInputError {
  const list = flatten(errors, '', []);
  const detail = list.length === 1 ? `${list[0].field}: ${list[0].message}` : `${list.length} fields are invalid: ${list.map((e) => e.field).join(', ')}`;
  return new BadInputError(detail, list);
}
