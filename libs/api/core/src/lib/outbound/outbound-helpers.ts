import { UpstreamAuthError, UpstreamHttpError, UpstreamUnreachableError } from './outbound.errors';

/** Transient failures worth another attempt (only ever for idempotent calls). */
export function isRetryable(err: Error): boolean {
  if (err instanceof UpstreamUnreachableError) return ['refused', 'reset', 'network', 'timeout'].includes(err.reason);
  if (err instanceof UpstreamAuthError) return false;
  if (err instanceof UpstreamHttpError) return err.upstreamStatus >= 500 || err.upstreamStatus === 429;
  return false;
}

/** Rejects with the signal's reason once it aborts, so steps that take no signal (DNS) still honour the deadline. */
export function raceDeadline<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

export function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

export function encodeBody(body: unknown): { body?: string | Buffer; contentType?: string } {
  if (body === undefined) return {};
  if (typeof body === 'string') return { body };
  if (Buffer.isBuffer(body)) return { body };
  if (body instanceof Uint8Array) return { body: Buffer.from(body) };
  return { body: JSON.stringify(body), contentType: 'application/json' };
}
