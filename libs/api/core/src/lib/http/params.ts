import { applyDecorators, Injectable, PipeTransform } from '@nestjs/common';
import { ApiHeader, ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import { BadInputError } from '../errors/domain-errors';

/** Integer path ids (customers, users, alerts, cases): a clear 400 instead of a lookup of NaN. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^\d{1,10}$/.test(value) || Number(value) < 1 || Number(value) > 2_147_483_647) {
      throw new BadInputError(`id must be a positive integer, got "${String(value).slice(0, 40)}"`, [{ field: 'path.id', message: 'must be a positive integer' }]);
    }
    return Number(value);
  }
}

/** `If-Match: "3"` (or 3, or W/"3") → 3; absent → undefined. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '' || header.trim() === '*') return undefined;
  const m = /^(?:W\/)?"?(\d{1,10})"?$/.exec(header.trim());
  if (!m) throw new BadInputError('If-Match must be the entity version, e.g. "3"', [{ field: 'header.if-match', message: 'must be a version number' }]);
  return Number(m[1]);
}

/** Documents the optional If-Match header of a field-level update (see parseIfMatch). */
export const ApiIfMatch = (): MethodDecorator =>
  ApiHeader({ name: 'if-match', required: false, description: 'The version you edited; a stale one answers 412 and changes nothing' });

export class FieldProblemDto {
  @ApiProperty() field!: string;
  @ApiProperty() message!: string;
}

/** RFC 9457 problem details, for the OpenAPI document. */
export class ProblemDto {
  @ApiProperty({ example: 'about:blank' }) type!: string;
  @ApiProperty() title!: string;
  @ApiProperty() status!: number;
  @ApiProperty() detail!: string;
  @ApiPropertyOptional({ type: [FieldProblemDto] }) errors?: FieldProblemDto[];
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Bad input; errors[] names each field',
  401: 'Missing, invalid or expired token',
  403: 'The caller\'s role may not do this',
  404: 'Not found, or outside the caller\'s customers',
  409: 'Conflicts with the current state',
  412: 'If-Match version is stale',
  413: 'Body too large',
  429: 'Too many attempts; see Retry-After',
  503: 'A dependency is unavailable',
};

/** Documents the problem+json answers of a route. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) => ApiResponse({ status, description: DESCRIPTIONS[status], content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } } })),
  );
}
