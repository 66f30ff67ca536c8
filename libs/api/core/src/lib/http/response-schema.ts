import { applyDecorators } from '@nestjs/common';
import { RouteSchema } from '@nestjs/platform-fastify';

type JsonSchema = Record<string, unknown>;

/** Where @nestjs/swagger keeps @ApiProperty metadata (its package exports do not expose the constants). */
const PROPERTIES_ARRAY = 'swagger/apiModelPropertiesArray';
const PROPERTIES = 'swagger/apiModelProperties';
type Ctor = abstract new (...args: never[]) => unknown;

interface SwaggerProperty {
  type?: unknown;
  isArray?: boolean;
  nullable?: boolean;
  format?: string;
  required?: boolean;
}

function scalar(type: unknown): string | null {
  if (type === Number || type === 'number' || type === 'integer') return 'number';
  if (type === String || type === 'string') return 'string';
  if (type === Boolean || type === 'boolean') return 'boolean';
  return null;
}

/**
 * The JSON schema of a flat response DTO, read from its @ApiProperty metadata (the same source as the
 * OpenAPI document), or null when a property is not a scalar or an array of scalars.
 */
export function dtoSchema(dto: Ctor): JsonSchema | null {
  const names = (Reflect.getMetadata(PROPERTIES_ARRAY, dto.prototype) as string[] | undefined) ?? [];
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const raw of names) {
    const name = raw.replace(/^:/, '');
    const p = (Reflect.getMetadata(PROPERTIES, dto.prototype, name) ?? {}) as SwaggerProperty;
    const list = p.isArray === true || Array.isArray(p.type);
    const base = scalar(Array.isArray(p.type) ? p.type[0] : p.type);
    if (!base) return null;
    const item: JsonSchema = p.format ? { type: base, format: p.format } : { type: base };
    const schema = list ? { type: 'array', items: item } : item;
    properties[name] = p.nullable ? { ...schema, type: [schema['type'], 'null'] } : schema;
    if (p.required !== false) required.push(name);
  }
  return { type: 'object', properties, required };
}

/**
 * Serialises a keyset page of `item` with a compiled serializer (fast-json-stringify) instead of
 * JSON.stringify: the list benchmark measured ~10% of a list request's CPU in serialisation. The schema is
 * derived from the DTO's own metadata, so it cannot drift from the OpenAPI document, and it publishes only the
 * DTO's properties.
 */
export function PageResponse(item: Ctor): MethodDecorator {
  const items = dtoSchema(item);
  if (!items) throw new Error(`PageResponse(${item.name}): only flat DTOs of scalars can be compiled`);
  return applyDecorators(RouteSchema({
    response: {
      200: {
        type: 'object',
        properties: { items: { type: 'array', items }, nextCursor: { type: ['string', 'null'] }, total: { type: 'number' } },
        required: ['items', 'nextCursor'],
      },
    },
  }));
}
