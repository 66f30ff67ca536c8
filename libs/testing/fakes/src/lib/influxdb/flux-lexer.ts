/**
 * Lexer for the subset of Flux the fake InfluxDB understands. Lexical rules follow the Flux language
 * specification (github.com/influxdata/flux, docs/SPEC.md, "Lexical elements"): string literals in double quotes
 * with the escapes `\" \\ \n \r \t \${`, duration literals as unit-suffixed integer runs (`1h30m`, `-5m` is a unary
 * minus on a duration), RFC 3339 date-time literals, `//` comments, and the `|>` / `=>` operators.
 */

export type TokenKind = 'ident' | 'string' | 'number' | 'duration' | 'time' | 'punct';

export interface Token {
  kind: TokenKind;
  /** The source text of the token. */
  text: string;
  /** Decoded value of a string literal. */
  value?: string;
  /** Offset in the script, for compile error positions. */
  pos: number;
}

/** A script the fake cannot compile; answered as InfluxDB does, HTTP 400 `{code: "invalid"}`. */
export class FluxCompileError extends Error {}

const PUNCTUATION = ['|>', '=>', '==', '!=', '>=', '<=', '(', ')', '[', ']', '{', '}', ',', ':', '.', '<', '>', '-'];
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})/;
// Longest units first, so `mo` and `ms` are not read as `m`.
const DURATION = /^(?:\d+(?:mo|ms|us|µs|ns|y|w|d|h|m|s))+/;
const NUMBER = /^\d+(?:\.\d+)?/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*/;

/** Reads a string literal starting at the opening quote; rejects unescaped `${`, which Flux would evaluate. */
function readString(src: string, start: number): { value: string; end: number } {
  let out = '';
  let i = start + 1;
  while (i < src.length) {
    const c = src[i];
    if (c === '"') return { value: out, end: i + 1 };
    if (c === '$' && src[i + 1] === '{') {
      // Interpolation would run the expression inside; the fake refuses it rather than pretend to evaluate it.
      throw new FluxCompileError(`error @${start}: string interpolation is not supported by this fake`);
    }
    if (c !== '\\') {
      out += c;
      i += 1;
      continue;
    }
    const next = src[i + 1];
    const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
    if (next !== undefined && simple[next] !== undefined) {
      out += simple[next];
      i += 2;
    } else if (next === '$' && src[i + 2] === '{') {
      out += '${';
      i += 3;
    } else {
      throw new FluxCompileError(`error @${i}: invalid escape sequence \\${next ?? ''}`);
    }
  }
  throw new FluxCompileError(`error @${start}: string literal not terminated`);
}

export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const rest = src.slice(i);
    if (/^\s/.test(rest)) {
      i += 1;
      continue;
    }
    if (rest.startsWith('//')) {
      const newline = src.indexOf('\n', i);
      i = newline < 0 ? src.length : newline;
      continue;
    }
    if (rest[0] === '"') {
      const { value, end } = readString(src, i);
      tokens.push({ kind: 'string', text: src.slice(i, end), value, pos: i });
      i = end;
      continue;
    }
    const match =
      (
        [
          ['time', TIME],
          ['duration', DURATION],
          ['number', NUMBER],
          ['ident', IDENT],
        ] as const
      )
        .map(([kind, re]) => ({ kind, found: re.exec(rest) }))
        .find((m) => m.found !== null) ?? null;
    if (match?.found) {
      tokens.push({ kind: match.kind, text: match.found[0], pos: i });
      i += match.found[0].length;
      continue;
    }
    const punct = PUNCTUATION.find((p) => rest.startsWith(p));
    if (!punct) throw new FluxCompileError(`error @${i}: invalid token ${JSON.stringify(rest[0])}`);
    tokens.push({ kind: 'punct', text: punct, pos: i });
    i += punct.length;
  }
  return tokens;
}

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  mo: 2_592_000_000,
  y: 31_536_000_000,
};

/** Milliseconds of a duration literal such as `1h30m` (months and years approximated: the fake has no calendar). */
export function durationMs(text: string): number {
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+)(mo|ms|us|µs|ns|y|w|d|h|m|s)/g)) {
    total += Number(amount) * UNIT_MS[unit];
  }
  return total;
}
