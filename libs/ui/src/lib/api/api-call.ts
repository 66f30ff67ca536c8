import { Observable, firstValueFrom, isObservable } from 'rxjs';

/** The value a generated client method resolves to, whether it was generated with promises or observables. */
export type Resolved<T> = T extends Observable<infer U> ? U : Awaited<T>;

/** Result type of method `K` of a generated client service `S`. */
export type ApiResult<S, K extends keyof S> = S[K] extends (...args: never[]) => infer R ? Resolved<R> : never;

/** First-parameter (params object) type of method `K` of a generated client service `S`. */
export type ApiParams<S, K extends keyof S> = S[K] extends (params: infer P, ...rest: never[]) => unknown
  ? NonNullable<P>
  : never;

/** Awaits a generated client call regardless of the generator's `promises` setting. */
export function settle<T>(call: Promise<T> | Observable<T>): Promise<T> {
  return isObservable(call) ? firstValueFrom(call) : call;
}

/** One page of a cursor-paginated list, as every `GET /api/<resources>` answers. */
export interface CursorPage<T> {
  items: T[];
  nextCursor?: string | null;
  total: number;
}
