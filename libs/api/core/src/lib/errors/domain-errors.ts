/**
 * Domain exceptions. Services throw these; one global filter turns them into RFC 9457
 * problem+json, so no handler maps errors itself.
 */
export interface FieldProblem {
  /** Dotted path of the offending input, e.g. `body.customerCode` or `query.limit`. */
  field: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly title: string;
  readonly errors: FieldProblem[];
  /** Extra response headers, e.g. Retry-After on throttling. */
  readonly headers: Record<string, string>;

  constructor(detail: string, errors: FieldProblem[] = [], headers: Record<string, string> = {}) {
    super(detail);
    this.name = new.target.name;
    this.errors = errors;
    this.headers = headers;
  }
}

export class BadInputError extends DomainError {
  readonly status = 400;
  readonly title = 'Bad request';
}

export class UnauthorizedError extends DomainError {
  readonly status = 401;
  readonly title = 'Unauthorized';
}

export class ForbiddenError extends DomainError {
  readonly status = 403;
  readonly title = 'Forbidden';
}

export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly title = 'Not found';
}

export class ConflictError extends DomainError {
  readonly status = 409;
  readonly title = 'Conflict';
}

export class PreconditionFailedError extends DomainError {
  readonly status = 412;
  readonly title = 'Precondition failed';
}

export class PayloadTooLargeError extends DomainError {
  readonly status = 413;
  readonly title = 'Payload too large';
}

export class TooManyRequestsError extends DomainError {
  readonly status = 429;
  readonly title = 'Too many requests';
  constructor(detail: string, retryAfterSeconds: number) {
    super(detail, [], { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) });
  }
}

/** A dependency (database, object store, connector) is absent or failing: 503 naming it. */
export class ServiceUnavailableError extends DomainError {
  readonly status = 503;
  readonly title = 'Service unavailable';
  constructor(
    readonly dependency: string,
    detail: string,
  ) {
    super(`${dependency}: ${detail}`);
  }
}
