import { Logger, type LoggerService, type LogLevel } from '@nestjs/common';

export interface CapturedLog {
  level: LogLevel;
  message: string;
}

export interface LogCapture {
  readonly entries: CapturedLog[];
  /** Every captured line (message plus its parameters), joined: what a log file would contain. */
  text(): string;
  /** Puts the previous logger back. */
  restore(): void;
}

function render(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Error) return `${value.name}: ${value.message}\n${value.stack ?? ''}`;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/** Nest keeps its global logger in a protected static; saving it lets restore() undo the override exactly. */
type LoggerStatics = { staticInstanceRef?: LoggerService };

/**
 * Routes every Nest `Logger` call, at every level including debug and verbose, into memory, so a test can
 * assert what would have been logged (for example that no secret appears at debug level).
 */
export function captureNestLogs(): LogCapture {
  const previous = (Logger as unknown as LoggerStatics).staticInstanceRef;
  const entries: CapturedLog[] = [];
  const sink =
    (level: LogLevel) =>
    (message: unknown, ...params: unknown[]) => {
      entries.push({ level, message: [message, ...params].map(render).join(' ') });
    };
  const capture: LoggerService = {
    log: sink('log'),
    error: sink('error'),
    warn: sink('warn'),
    debug: sink('debug'),
    verbose: sink('verbose'),
    fatal: sink('fatal'),
  };
  Logger.overrideLogger(capture);
  return {
    entries,
    text: () => entries.map((entry) => `[${entry.level}] ${entry.message}`).join('\n'),
    restore: () => {
      (Logger as unknown as LoggerStatics).staticInstanceRef = previous;
    },
  };
}
