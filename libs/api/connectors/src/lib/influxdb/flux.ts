import { BadInputError } from '@copilot/api-core';

/**
 * Building Flux from values that may come from users without ever pasting raw strings into a script. Literal syntax
 * follows the Flux language specification (docs/SPEC.md, "String literals", "Duration literals", "Date and time
 * literals"): inside double quotes `\` and `"` must be escaped, and `${` must be written `\${` because it would
 * otherwise start an interpolated expression that Flux evaluates.
 */

/** A piece of Flux that is known to be safe: written by us, or produced by the helpers below. */
export class FluxFragment {
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }
}

export type FluxInput = string | number | boolean | Date | FluxFragment | readonly FluxInput[];

const bad = (field: string, message: string) => new BadInputError(`${field}: ${message}`, [{ field, message }]);

/** A Flux string literal holding exactly `value`, quotes included. */
export function fluxString(value: string): FluxFragment {
  if (typeof value !== 'string') throw bad('value', 'must be a string');
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\$\{/g, '\\${')
    // Not required inside a literal, but keeps every script on one line in logs and error messages.
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t');
  return new FluxFragment(`"${escaped}"`);
}

const DURATION = /^-?(?:\d+(?:mo|ms|us|µs|ns|y|w|d|h|m|s))+$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/** A duration literal such as `-15m` or `1h30m`; anything else is bad input. */
export function fluxDuration(value: string): FluxFragment {
  if (typeof value !== 'string' || !DURATION.test(value)) {
    throw bad('duration', `"${String(value)}" is not a Flux duration (e.g. -1h, 15m, 1h30m)`);
  }
  return new FluxFragment(value);
}

/** A date-time literal (RFC 3339) from a Date or an RFC 3339 string. */
export function fluxTime(value: Date | string): FluxFragment {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw bad('time', 'invalid date');
    return new FluxFragment(value.toISOString());
  }
  if (typeof value !== 'string' || !RFC3339.test(value) || Number.isNaN(Date.parse(value))) {
    throw bad('time', `"${String(value)}" is not an RFC 3339 time (e.g. 2024-05-01T00:00:00Z)`);
  }
  return new FluxFragment(value);
}

/** A float literal even for whole numbers: Flux does not compare a float column with an int literal. */
export function fluxFloat(value: number): FluxFragment {
  if (!Number.isFinite(value)) throw bad('value', 'must be a finite number');
  return new FluxFragment(Number.isInteger(value) ? `${value}.0` : String(value));
}

/** The literal for a value: strings quoted, whole numbers as int, others as float, Dates as time. */
export function fluxValue(value: FluxInput): string {
  if (value instanceof FluxFragment) return value.text;
  if (typeof value === 'string') return fluxString(value).text;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw bad('value', 'must be a finite number');
    return String(value);
  }
  if (value instanceof Date) return fluxTime(value).text;
  if (Array.isArray(value)) return `[${value.map((item: FluxInput) => fluxValue(item)).join(', ')}]`;
  throw bad('value', 'unsupported value in a Flux query');
}

/**
 * Tagged template for Flux: every interpolated value becomes a literal (see fluxValue), so user input can never
 * change the script's structure. Use `fluxDuration`/`fluxTime`/`fluxFloat` for typed literals.
 *
 *   flux`from(bucket: ${bucket}) |> range(start: ${fluxDuration('-1h')}) |> filter(fn: (r) => r.host == ${host})`
 */
export function flux(strings: TemplateStringsArray, ...values: FluxInput[]): FluxFragment {
  let text = strings[0];
  values.forEach((value, i) => {
    text += fluxValue(value) + strings[i + 1];
  });
  return new FluxFragment(text);
}
