import { Location } from '@angular/common';
import { inject } from '@angular/core';
import { Router } from '@angular/router';

/**
 * Where a detail page's "back" goes: the list URL (with its filters) the user came from, passed as navigation
 * state `back`, else the plain `list` path. Call in an injection context.
 */
export function injectBackUrl(list: string): string {
  const state: unknown = inject(Router).currentNavigation()?.extras.state ?? inject(Location).getState();
  const back = typeof state === 'object' && state !== null ? (state as Record<string, unknown>)['back'] : null;
  return typeof back === 'string' && (back === list || back.startsWith(`${list}?`)) ? back : list;
}
