import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { BadInputError } from '../errors/domain-errors';

/** Common list query: `?limit=&cursor=`. Domain list queries extend it with their filters. */
export class ListQuery {
  @ApiProperty({ required: false, minimum: 1, maximum: 200, default: 25 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiProperty({ required: false, description: 'Opaque cursor from a previous page\'s nextCursor' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}

export interface KeysetColumn {
  /** Select expression, e.g. `c.name`. */
  expr: string;
  /** Property on the loaded entity holding the value, e.g. `name`. */
  prop: string;
  dir: 'ASC' | 'DESC';
}

/** The opaque cursor of a keyset page: its last row's keyset values. */
export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** The keyset values of a cursor (ISO timestamps back as Dates); a foreign or damaged cursor is a 400. */
export function decodeCursor(cursor: string, n: number): unknown[] {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === n) return v.map((x) => (typeof x === 'string' && /^\d{4}-\d\d-\d\dT/.test(x) ? new Date(x) : x));
  } catch {
    // fall through to the 400 below
  }
  throw new BadInputError('Invalid cursor', [{ field: 'query.cursor', message: 'not a cursor returned by this list' }]);
}

let seq = 0;

/**
 * Keyset pagination: `WHERE (a, b) > (:a, :b)` expanded to portable OR-chains, ORDER BY the keyset,
 * LIMIT n+1 to learn whether another page exists. The last keyset column must be unique (the id).
 * Nothing loads a whole table; `total` is a separate COUNT only when asked for.
 */
export async function paginate<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  keyset: KeysetColumn[],
  query: ListQuery,
  opts: { withTotal?: boolean } = {},
): Promise<Page<T>> {
  const limit = query.limit ?? 25;
  const total = opts.withTotal ? await qb.clone().getCount() : undefined;
  if (query.cursor) {
    const values = decodeCursor(query.cursor, keyset.length);
    const ors: string[] = [];
    const params: Record<string, unknown> = {};
    keyset.forEach((col, i) => {
      const ands = keyset.slice(0, i).map((prev, j) => {
        const p = `ks${seq}_${j}`;
        params[p] = values[j];
        return `${prev.expr} = :${p}`;
      });
      const p = `ks${seq}_${i}`;
      params[p] = values[i];
      ands.push(`${col.expr} ${col.dir === 'ASC' ? '>' : '<'} :${p}`);
      ors.push(`(${ands.join(' AND ')})`);
    });
    seq = (seq + 1) % 1_000_000;
    qb.andWhere(`(${ors.join(' OR ')})`, params);
  }
  keyset.forEach((col, i) => (i === 0 ? qb.orderBy(col.expr, col.dir) : qb.addOrderBy(col.expr, col.dir)));
  const rows = await qb.take(limit + 1).getMany();
  const items = rows.slice(0, limit);
  const last = items[items.length - 1] as Record<string, unknown> | undefined;
  const nextCursor = rows.length > limit && last ? encodeCursor(keyset.map((c) => last[c.prop])) : null;
  return total === undefined ? { items, nextCursor } : { items, nextCursor, total };
}
