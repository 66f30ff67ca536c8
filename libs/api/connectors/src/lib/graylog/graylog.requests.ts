import { BadInputError } from '@copilot/api-core';
import type { GraylogEventSearchRequest, GraylogPageRequest } from './graylog.types';

/**
 * Checks and encodings of what callers pass in, done before any call so a bad value is a 400 naming the field
 * rather than a request Graylog (or a proxy in front of it) would misread.
 */

/** Graylog ids are MongoDB ObjectIds (or `000000000000000000000001` for the default stream). */
const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function pathId(field: string, id: string): string {
  if (!ID.test(id)) throw new BadInputError(`invalid Graylog ${field}`, [{ field, message: 'must be a Graylog id' }]);
  return id;
}

function positiveInt(field: string, value: number | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > max)
    throw new BadInputError(`invalid ${field}`, [{ field, message: `must be an integer from 1 to ${max}` }]);
  return value;
}

/** `page` (1-based), `per_page` and `query` of Graylog's paginated lists. */
export function pageQuery(request: GraylogPageRequest): Record<string, string | number> {
  return {
    page: positiveInt('page', request.page, 1, 100_000),
    per_page: positiveInt('perPage', request.perPage, 50, 1_000),
    query: request.query ?? '',
  };
}

/** Body of `POST /api/events/search` (EventsSearchParameters) with a relative time range. */
export function eventSearchBody(request: GraylogEventSearchRequest): Record<string, unknown> {
  const range = request.rangeSeconds ?? 3600;
  if (!Number.isInteger(range) || range < 0)
    throw new BadInputError('invalid rangeSeconds', [
      { field: 'rangeSeconds', message: 'must be a whole number of seconds, 0 for all time' },
    ]);
  return {
    query: request.query ?? '',
    page: positiveInt('page', request.page, 1, 100_000),
    per_page: positiveInt('perPage', request.perPage, 50, 1_000),
    timerange: { type: 'relative', range },
    filter: { alerts: request.alerts ?? 'include', event_definitions: request.eventDefinitionIds ?? [] },
    sort_by: 'timestamp',
    sort_direction: request.sortDirection ?? 'desc',
  };
}
