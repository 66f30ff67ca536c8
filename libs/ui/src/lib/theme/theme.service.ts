import { DOCUMENT } from '@angular/common';
import { Injectable, effect, inject, signal } from '@angular/core';

export type ThemeMode = 'light' | 'dark';

/** Only the theme choice is persisted in localStorage; nothing about the session is. */
export const THEME_STORAGE_KEY = 'copilot.theme';

function isMode(value: unknown): value is ThemeMode {
  return value === 'light' || value === 'dark';
}

/**
 * Light or dark Material 3 theme. The first visit follows the OS preference; an explicit toggle is remembered.
 * The stylesheets define both palettes with `light-dark()`, so switching only sets `color-scheme` on the root.
 */
@Injectable({ providedIn: 'root' })
export class ThemeService {
  private readonly document = inject(DOCUMENT);
  private readonly window = this.document.defaultView;
  readonly mode = signal<ThemeMode>(this.initialMode());

  constructor() {
    effect(() => {
      const mode = this.mode();
      const root = this.document.documentElement;
      root.style.colorScheme = mode;
      root.classList.toggle('dark-theme', mode === 'dark');
      root.classList.toggle('light-theme', mode === 'light');
    });
  }

  toggle(): void {
    this.set(this.mode() === 'dark' ? 'light' : 'dark');
  }

  set(mode: ThemeMode): void {
    this.mode.set(mode);
    try {
      this.window?.localStorage.setItem(THEME_STORAGE_KEY, mode);
    } catch {
      // Storage may be disabled (private mode); the choice then lasts for this page only.
    }
  }

  private initialMode(): ThemeMode {
    try {
      const stored = this.window?.localStorage.getItem(THEME_STORAGE_KEY);
      if (isMode(stored)) {
        return stored;
      }
    } catch {
      // Fall through to the OS preference.
    }
    return this.window?.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }
}
