import { durationMs, FluxCompileError, tokenize, type Token } from './flux-lexer';

/**
 * Parser for the Flux subset of the fake: `import` lines, then one pipe expression such as
 * `from(bucket: "telegraf") |> range(start: -1h) |> filter(fn: (r) => r._measurement == "cpu" and r.host == "a")`.
 * Grammar per the Flux specification (docs/SPEC.md: "Pipe expressions", "Function literals", "Call expressions").
 */

export type Scalar = string | number | boolean;

export type FluxValue =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'duration'; ms: number }
  | { kind: 'time'; ms: number }
  | { kind: 'array'; items: FluxValue[] }
  | { kind: 'fn'; param: string; body: Predicate };

export type Comparison = '==' | '!=' | '<' | '<=' | '>' | '>=';

export type Predicate =
  | { op: 'and' | 'or'; left: Predicate; right: Predicate }
  | { op: 'compare'; column: string; comparison: Comparison; value: Scalar };

export interface FluxCall {
  name: string;
  args: Map<string, FluxValue>;
  pos: number;
}

class Parser {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  program(): FluxCall[] {
    while (this.peek()?.text === 'import') {
      this.next();
      this.expect('string');
    }
    if (!this.peek()) throw new FluxCompileError('error @0: no pipe expression in the script');
    const calls = [this.call()];
    while (this.peek()?.text === '|>') {
      this.next();
      calls.push(this.call());
    }
    const extra = this.peek();
    if (extra) throw new FluxCompileError(`error @${extra.pos}: unexpected token ${JSON.stringify(extra.text)}`);
    return calls;
  }

  private call(): FluxCall {
    const name = this.expect('ident');
    this.expectText('(');
    const args = new Map<string, FluxValue>();
    while (this.peek()?.text !== ')') {
      const key = this.expect('ident').text;
      this.expectText(':');
      args.set(key, this.value());
      if (this.peek()?.text !== ',') break;
      this.next();
    }
    this.expectText(')');
    return { name: name.text, args, pos: name.pos };
  }

  private value(): FluxValue {
    const token = this.next();
    if (!token) throw new FluxCompileError('error: unexpected end of script');
    if (token.kind === 'string') return { kind: 'string', value: token.value ?? '' };
    if (token.kind === 'number') return { kind: 'number', value: Number(token.text) };
    if (token.kind === 'duration') return { kind: 'duration', ms: durationMs(token.text) };
    if (token.kind === 'time') return { kind: 'time', ms: Date.parse(token.text) };
    if (token.text === 'true' || token.text === 'false') return { kind: 'bool', value: token.text === 'true' };
    if (token.text === '-') {
      const inner = this.value();
      if (inner.kind === 'duration') return { kind: 'duration', ms: -inner.ms };
      if (inner.kind === 'number') return { kind: 'number', value: -inner.value };
      throw new FluxCompileError(`error @${token.pos}: unary minus needs a number or duration`);
    }
    if (token.text === '[') {
      const items: FluxValue[] = [];
      while (this.peek()?.text !== ']') {
        items.push(this.value());
        if (this.peek()?.text !== ',') break;
        this.next();
      }
      this.expectText(']');
      return { kind: 'array', items };
    }
    if (token.text === '(') {
      const param = this.expect('ident').text;
      this.expectText(')');
      this.expectText('=>');
      return { kind: 'fn', param, body: this.predicate(param) };
    }
    // Anything else (identifiers, calls as arguments) is outside the subset; Flux would resolve the identifier.
    throw new FluxCompileError(`error @${token.pos}: undefined identifier ${token.text}`);
  }

  private predicate(param: string): Predicate {
    let left = this.conjunction(param);
    while (this.peek()?.text === 'or') {
      this.next();
      left = { op: 'or', left, right: this.conjunction(param) };
    }
    return left;
  }

  private conjunction(param: string): Predicate {
    let left = this.comparison(param);
    while (this.peek()?.text === 'and') {
      this.next();
      left = { op: 'and', left, right: this.comparison(param) };
    }
    return left;
  }

  private comparison(param: string): Predicate {
    if (this.peek()?.text === '(') {
      this.next();
      const inner = this.predicate(param);
      this.expectText(')');
      return inner;
    }
    const subject = this.expect('ident');
    if (subject.text !== param)
      throw new FluxCompileError(`error @${subject.pos}: undefined identifier ${subject.text}`);
    let column: string;
    if (this.peek()?.text === '.') {
      this.next();
      column = this.expect('ident').text;
    } else {
      this.expectText('[');
      column = this.expect('string').value ?? '';
      this.expectText(']');
    }
    const operator = this.next();
    if (!operator || !['==', '!=', '<', '<=', '>', '>='].includes(operator.text)) {
      throw new FluxCompileError(`error @${operator?.pos ?? 0}: expected a comparison operator`);
    }
    const literal = this.value();
    if (literal.kind !== 'string' && literal.kind !== 'number' && literal.kind !== 'bool') {
      throw new FluxCompileError(`error @${operator.pos}: the fake compares columns with literals only`);
    }
    return { op: 'compare', column, comparison: operator.text as Comparison, value: literal.value };
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private next(): Token | undefined {
    const token = this.tokens[this.index];
    this.index += 1;
    return token;
  }

  private expect(kind: Token['kind']): Token {
    const token = this.next();
    if (!token || token.kind !== kind) {
      throw new FluxCompileError(
        `error @${token?.pos ?? 'end'}: expected ${kind}, got ${token?.text ?? 'end of script'}`,
      );
    }
    return token;
  }

  private expectText(text: string): void {
    const token = this.next();
    if (!token || token.text !== text) {
      throw new FluxCompileError(
        `error @${token?.pos ?? 'end'}: expected ${text}, got ${token?.text ?? 'end of script'}`,
      );
    }
  }
}

/** Compiles a script into its pipeline of calls; throws FluxCompileError for anything outside the subset. */
export function parseFlux(script: string): FluxCall[] {
  return new Parser(tokenize(script)).program();
}
