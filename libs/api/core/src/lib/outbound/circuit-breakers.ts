import { Logger } from '@nestjs/common';
import { CircuitBreakerPolicy, ConsecutiveBreaker, circuitBreaker, handleWhen } from 'cockatiel';
import { UpstreamHttpError, UpstreamUnreachableError } from './outbound.errors';

export interface BreakerSettings {
  failureThreshold: number;
  halfOpenAfterMs: number;
}

/**
 * What counts against a connector's circuit: the target being unreachable or failing (5xx). Wrong credentials,
 * TLS trust problems, bad input and 4xx answers are configuration or caller problems that fail quickly on their
 * own; counting them would hide the real message behind "circuit open".
 */
export function isBreakerFailure(err: Error): boolean {
  if (err instanceof UpstreamUnreachableError) return err.reason !== 'tls';
  if (err instanceof UpstreamHttpError) return err.upstreamStatus >= 500;
  return false;
}

/**
 * One circuit breaker per connector key, shared by every client built for that key in this process, so that
 * all callers of a dead connector fail fast together.
 */
export class CircuitBreakerRegistry {
  private readonly logger = new Logger('OutboundCircuit');
  private readonly breakers = new Map<string, { policy: CircuitBreakerPolicy; settings: BreakerSettings }>();

  get(key: string, settings: BreakerSettings): CircuitBreakerPolicy {
    const existing = this.breakers.get(key);
    if (existing && sameSettings(existing.settings, settings)) return existing.policy;
    const policy = circuitBreaker(handleWhen(isBreakerFailure), {
      halfOpenAfter: settings.halfOpenAfterMs,
      breaker: new ConsecutiveBreaker(settings.failureThreshold),
    });
    policy.onBreak(() =>
      this.logger.warn(`circuit for ${key} opened after ${settings.failureThreshold} consecutive failures`),
    );
    policy.onReset(() => this.logger.log(`circuit for ${key} closed again`));
    this.breakers.set(key, { policy, settings });
    return policy;
  }

  /** Forgets the breaker of a key (a fresh closed one is built on next use), e.g. after a successful verify. */
  reset(key: string): void {
    this.breakers.delete(key);
  }
}

function sameSettings(a: BreakerSettings, b: BreakerSettings): boolean {
  return a.failureThreshold === b.failureThreshold && a.halfOpenAfterMs === b.halfOpenAfterMs;
}

/** The process-wide registry used unless a caller (a test, say) supplies its own. */
export const defaultCircuitBreakers = new CircuitBreakerRegistry();
