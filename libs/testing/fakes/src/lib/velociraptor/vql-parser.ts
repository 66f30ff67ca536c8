/**
 * A deliberately small VQL reader for the fake: `SELECT <*|items> FROM <plugin>(<args>)`, where an item is a column
 * or a function call with `AS alias`, and an argument value is a string, number, boolean, list, variable (resolved
 * from the query's env, as Velociraptor's scope does) or a nested call. That covers what CoPilot sends; anything
 * else is a syntax error, which the fake reports the way the server does (a `VQL Error:` log line, no rows).
 */

export type VqlExpr =
  | { kind: 'literal'; value: unknown }
  | { kind: 'variable'; name: string }
  | { kind: 'list'; items: VqlExpr[] }
  | { kind: 'call'; name: string; args: VqlArg[] };

export interface VqlArg {
  name: string;
  value: VqlExpr;
}

export interface VqlItem {
  expr: VqlExpr;
  alias: string;
}

export interface VqlSelect {
  /** null for `SELECT *`. */
  items: VqlItem[] | null;
  plugin: string;
  args: VqlArg[];
}

export class VqlSyntaxError extends Error {}

type Token = { type: 'ident' | 'string' | 'number' | 'punct'; text: string };

function tokenize(vql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < vql.length) {
    const rest = vql.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    const number = /^-?\d+(\.\d+)?/.exec(rest);
    if (ident) {
      tokens.push({ type: 'ident', text: ident[0] });
      i += ident[0].length;
    } else if (number) {
      tokens.push({ type: 'number', text: number[0] });
      i += number[0].length;
    } else if (rest[0] === "'" || rest[0] === '"') {
      const end = vql.indexOf(rest[0], i + 1);
      if (end < 0) throw new VqlSyntaxError(`unterminated string at offset ${i}`);
      tokens.push({ type: 'string', text: vql.slice(i + 1, end) });
      i = end + 1;
    } else if ('(),=[]*'.includes(rest[0])) {
      tokens.push({ type: 'punct', text: rest[0] });
      i += 1;
    } else {
      throw new VqlSyntaxError(`unexpected character ${JSON.stringify(rest[0])} at offset ${i}`);
    }
  }
  return tokens;
}

class Reader {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(): Token | undefined {
    return this.tokens[this.at];
  }

  done(): boolean {
    return this.at >= this.tokens.length;
  }

  next(): Token {
    const token = this.tokens[this.at++];
    if (!token) throw new VqlSyntaxError('unexpected end of query');
    return token;
  }

  isPunct(text: string): boolean {
    const token = this.peek();
    return token?.type === 'punct' && token.text === text;
  }

  isKeyword(word: string): boolean {
    const token = this.peek();
    return token?.type === 'ident' && token.text.toUpperCase() === word;
  }

  expectPunct(text: string): void {
    const token = this.next();
    if (token.type !== 'punct' || token.text !== text)
      throw new VqlSyntaxError(`expected "${text}", got "${token.text}"`);
  }

  expectKeyword(word: string): void {
    const token = this.next();
    if (token.type !== 'ident' || token.text.toUpperCase() !== word) {
      throw new VqlSyntaxError(`expected ${word}, got "${token.text}"`);
    }
  }

  ident(): string {
    const token = this.next();
    if (token.type !== 'ident') throw new VqlSyntaxError(`expected a name, got "${token.text}"`);
    return token.text;
  }
}

function readArgs(reader: Reader): VqlArg[] {
  reader.expectPunct('(');
  const args: VqlArg[] = [];
  while (!reader.isPunct(')')) {
    const name = reader.ident();
    reader.expectPunct('=');
    args.push({ name, value: readExpr(reader) });
    if (!reader.isPunct(')')) reader.expectPunct(',');
  }
  reader.expectPunct(')');
  return args;
}

function readExpr(reader: Reader): VqlExpr {
  if (reader.isPunct('[')) {
    reader.next();
    const items: VqlExpr[] = [];
    while (!reader.isPunct(']')) {
      items.push(readExpr(reader));
      if (!reader.isPunct(']')) reader.expectPunct(',');
    }
    reader.next();
    return { kind: 'list', items };
  }
  const token = reader.next();
  if (token.type === 'string') return { kind: 'literal', value: token.text };
  if (token.type === 'number') return { kind: 'literal', value: Number(token.text) };
  if (token.type !== 'ident') throw new VqlSyntaxError(`unexpected "${token.text}"`);
  const upper = token.text.toUpperCase();
  if (upper === 'TRUE' || upper === 'FALSE') return { kind: 'literal', value: upper === 'TRUE' };
  if (reader.isPunct('(')) return { kind: 'call', name: token.text, args: readArgs(reader) };
  return { kind: 'variable', name: token.text };
}

/** Parses one SELECT statement; throws VqlSyntaxError for anything outside the subset. */
export function parseVql(vql: string): VqlSelect {
  const reader = new Reader(tokenize(vql));
  reader.expectKeyword('SELECT');
  let items: VqlItem[] | null = null;
  if (reader.isPunct('*')) {
    reader.next();
  } else {
    items = [];
    for (;;) {
      const expr = readExpr(reader);
      let alias = expr.kind === 'variable' ? expr.name : expr.kind === 'call' ? expr.name : `_${items.length}`;
      if (reader.isKeyword('AS')) {
        reader.next();
        alias = reader.ident();
      }
      items.push({ expr, alias });
      if (!reader.isPunct(',')) break;
      reader.next();
    }
  }
  reader.expectKeyword('FROM');
  const plugin = reader.ident();
  const args = readArgs(reader);
  if (!reader.done()) throw new VqlSyntaxError(`unexpected "${reader.peek()?.text}" after the plugin call`);
  return { items, plugin, args };
}
