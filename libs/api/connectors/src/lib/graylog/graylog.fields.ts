import { UpstreamFormatError } from '@copilot/api-core';
import { GRAYLOG, type GraylogVersion } from './graylog.types';

/**
 * Lenient reading of Graylog's JSON: unknown fields are ignored, a missing or mistyped optional field becomes
 * null, and a missing required one becomes one clear UpstreamFormatError naming the call and the field instead
 * of a TypeError deep inside a feature. Graylog adds fields in most releases, so only what CoPilot relies on is
 * required.
 */

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

export function unexpected(call: string, what: string): UpstreamFormatError {
  return new UpstreamFormatError(GRAYLOG, `unexpected answer to ${call}: ${what} (is the URL a Graylog server?)`);
}

/** Typed accessors over one JSON object; `where` locates it in messages (`streams[2]`). */
export class Fields {
  constructor(
    readonly raw: Json,
    private readonly call: string,
    private readonly where: string,
  ) {}

  /** The object at the top of a response body. */
  static root(body: unknown, call: string): Fields {
    if (!isObject(body)) throw unexpected(call, 'not a JSON object');
    return new Fields(body, call, 'the body');
  }

  /** Objects of the array under `key` (or of the body itself when key is null), each as Fields. */
  static list(body: unknown, key: string | null, call: string): Fields[] {
    const array = key === null ? body : isObject(body) ? body[key] : undefined;
    if (!Array.isArray(array)) throw unexpected(call, key === null ? 'not a JSON array' : `no "${key}" array`);
    return array.map((item, i) => {
      const where = `${key ?? ''}[${i}]`;
      if (!isObject(item)) throw unexpected(call, `${where} is not an object`);
      return new Fields(item, call, where);
    });
  }

  /** A required non-empty string; numbers are accepted as their decimal form. */
  reqStr(key: string): string {
    const value = this.str(key);
    if (value === null || value === '') throw unexpected(this.call, `${this.where} has no "${key}"`);
    return value;
  }

  str(key: string): string | null {
    const value = this.raw[key];
    if (typeof value === 'string') return value;
    return typeof value === 'number' && Number.isFinite(value) ? String(value) : null;
  }

  num(key: string): number | null {
    const value = this.raw[key];
    if (typeof value === 'number') return Number.isFinite(value) ? value : null;
    if (typeof value === 'string' && value.trim() !== '') {
      const parsed = Number(value);
      return Number.isFinite(parsed) ? parsed : null;
    }
    return null;
  }

  reqBool(key: string): boolean {
    const value = this.bool(key);
    if (value === null) throw unexpected(this.call, `${this.where} has no "${key}"`);
    return value;
  }

  bool(key: string): boolean | null {
    const value = this.raw[key];
    return typeof value === 'boolean' ? value : null;
  }

  obj(key: string): Json | null {
    const value = this.raw[key];
    return isObject(value) ? value : null;
  }

  /** The nested object under `key` as Fields (an empty one when absent, so optional reads stay null). */
  child(key: string): Fields {
    return new Fields(this.obj(key) ?? {}, this.call, `${this.where}.${key}`);
  }

  /** The strings of an array field; other items are skipped, a missing array is empty. */
  strings(key: string): string[] {
    const value = this.raw[key];
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  }

  /** An object of string values (static fields, event fields); non-string values are stringified. */
  stringMap(key: string): Record<string, string> {
    const value = this.obj(key) ?? {};
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
    );
  }

  /** The objects of an array field, each as Fields; non-objects are skipped, a missing array is empty. */
  objects(key: string): Fields[] {
    const value = this.raw[key];
    if (!Array.isArray(value)) return [];
    return value.flatMap((item, i) =>
      isObject(item) ? [new Fields(item, this.call, `${this.where}.${key}[${i}]`)] : [],
    );
  }
}

const SEMVER = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?$/;
const LEADING_NUMBERS = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(.*)$/;

/** Splits a Graylog version string; never throws, whatever the server reports. */
export function parseGraylogVersion(raw: unknown): GraylogVersion {
  const text = typeof raw === 'string' ? raw.trim() : raw === null || raw === undefined ? '' : String(raw);
  const num = (part: string | undefined) => (part === undefined ? null : Number(part));
  const strict = SEMVER.exec(text);
  if (strict) {
    return {
      raw: text,
      major: num(strict[1]),
      minor: num(strict[2]),
      patch: num(strict[3]),
      preRelease: strict[4] ?? null,
      build: strict[5] ?? null,
    };
  }
  // Something like `6.1.0 (build 42)` or `6.1.0_beta`: keep the numbers, keep the rest as a pre-release tag.
  const loose = LEADING_NUMBERS.exec(text);
  if (loose) {
    const rest = loose[4].replace(/^[\s\-_.+(]+|[\s)]+$/g, '');
    return {
      raw: text,
      major: num(loose[1]),
      minor: num(loose[2]),
      patch: num(loose[3]),
      preRelease: rest || null,
      build: null,
    };
  }
  return { raw: text, major: null, minor: null, patch: null, preRelease: null, build: null };
}
