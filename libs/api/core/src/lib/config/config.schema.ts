/**
 * The one configuration schema. Every variable the api reads is declared here, validated at boot,
 * and documented in .env.example (a test keeps the two in step). Boot fails listing every bad
 * variable at once, so an operator fixes their .env in one pass, not one restart per mistake.
 */
import { connectorVariables } from './connector-env';

export * from './connector-env';

export type VarKind = 'string' | 'int' | 'bool' | 'url' | 'enum';

export interface VarSpec {
  name: string;
  kind: VarKind;
  /** Marked sensitive: never logged, never echoed in an error message. */
  sensitive?: boolean;
  min?: number;
  max?: number;
  values?: readonly string[];
  /** URL schemes accepted for kind 'url'. */
  schemes?: readonly string[];
}

export const CONFIG_VARIABLES: readonly VarSpec[] = [
  { name: 'PORT', kind: 'int', min: 1, max: 65535 },
  { name: 'COPILOT_DATA_DIR', kind: 'string' },
  { name: 'DATABASE_URL', kind: 'url', sensitive: true, schemes: ['mysql:', 'mariadb:', 'sqlite:'] },
  { name: 'MINIO_URL', kind: 'url', schemes: ['http:', 'https:'] },
  { name: 'MINIO_ROOT_USER', kind: 'string' },
  { name: 'MINIO_ROOT_PASSWORD', kind: 'string', sensitive: true },
  { name: 'JWT_SECRET', kind: 'string', sensitive: true },
  { name: 'COPILOT_ENCRYPTION_KEY', kind: 'string', sensitive: true },
  { name: 'COPILOT_ADMIN_PASSWORD', kind: 'string', sensitive: true },
  { name: 'ACCESS_TOKEN_EXPIRE_MINUTES', kind: 'int', min: 5, max: 1440 },
  { name: 'AUDIT_LOG_RETENTION_DAYS', kind: 'int', min: 1, max: 3650 },
  { name: 'MAX_UPLOAD_MB', kind: 'int', min: 1, max: 10240 },
  { name: 'LOG_LEVEL', kind: 'enum', values: ['trace', 'debug', 'info', 'warn', 'error'] },
  { name: 'TRUST_PROXY', kind: 'bool' },
  { name: 'CHROMIUM_PATH', kind: 'string' },
  // Connector catalogue (seeded as the global instances at boot) and the outbound address policy.
  ...connectorVariables(),
];

export interface ParsedEnv {
  values: Map<string, string | number | boolean>;
  problems: string[];
}

/**
 * Parses each declared variable. Empty strings count as unset (an .env copied from .env.example
 * has empty lines); the install secrets are the exception and are judged in secrets.ts.
 */
export function parseEnv(env: Record<string, string | undefined>): ParsedEnv {
  const values = new Map<string, string | number | boolean>();
  const problems: string[] = [];
  for (const spec of CONFIG_VARIABLES) {
    const raw = env[spec.name];
    if (raw === undefined || raw.trim() === '') continue;
    const value = raw.trim();
    const shown = spec.sensitive ? '(value hidden)' : JSON.stringify(value);
    switch (spec.kind) {
      case 'int': {
        if (!/^\d+$/.test(value)) {
          problems.push(`${spec.name} must be a whole number, got ${shown}`);
          break;
        }
        const n = Number(value);
        if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) {
          problems.push(`${spec.name} must be between ${spec.min} and ${spec.max}, got ${n}`);
          break;
        }
        values.set(spec.name, n);
        break;
      }
      case 'bool': {
        // Strict: only these spellings. The original read "False" as true.
        if (value === 'true' || value === 'false') values.set(spec.name, value === 'true');
        else problems.push(`${spec.name} must be true or false, got ${shown}`);
        break;
      }
      case 'enum': {
        if (spec.values?.includes(value)) values.set(spec.name, value);
        else problems.push(`${spec.name} must be one of ${spec.values?.join(', ')}, got ${shown}`);
        break;
      }
      case 'url': {
        let url: URL | undefined;
        try {
          url = new URL(value);
        } catch {
          problems.push(`${spec.name} is not a valid URL ${shown}`);
          break;
        }
        if (spec.schemes && !spec.schemes.includes(url.protocol)) {
          problems.push(`${spec.name} must start with ${spec.schemes.map((s) => `${s}//`).join(' or ')}`);
          break;
        }
        values.set(spec.name, value);
        break;
      }
      default:
        values.set(spec.name, value);
    }
  }
  return { values, problems };
}
