import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, Injectable, computed, inject, input, signal } from '@angular/core';
import { relativeTime } from './relative-time';

/** A clock for relative times: one timer for the whole app, ticking every 30 s while something shows one. */
@Injectable({ providedIn: 'root' })
export class RelativeClock {
  private readonly state = signal(new Date());
  private timer: ReturnType<typeof setInterval> | null = null;
  private users = 0;
  readonly now = this.state.asReadonly();

  attach(destroyRef: DestroyRef): void {
    if (this.users++ === 0) {
      this.state.set(new Date());
      this.timer = setInterval(() => this.state.set(new Date()), 30_000);
    }
    destroyRef.onDestroy(() => {
      if (--this.users === 0 && this.timer !== null) {
        clearInterval(this.timer);
        this.timer = null;
      }
    });
  }
}

/**
 * A point in time as "5 minutes ago" plus the absolute date and time in the browser's zone (below it when
 * `stacked`, else as the tooltip); the machine-readable value goes in `<time datetime>`.
 */
@Component({
  selector: 'ui-time',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <time [attr.datetime]="at()" [title]="absolute()">{{ relative() }}</time>
    @if (stacked()) {
      <span class="absolute">{{ absolute() }}</span>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      flex-direction: column;
    }
    .absolute {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class TimeComponent {
  private readonly clock = inject(RelativeClock);
  private readonly datePipe = new DatePipe('en-US');
  readonly at = input.required<string>();
  readonly stacked = input(false);
  protected readonly relative = computed(() => relativeTime(this.at(), this.clock.now()));
  protected readonly absolute = computed(() => this.datePipe.transform(this.at(), 'MMM d, y, HH:mm:ss z') ?? '');

  constructor() {
    this.clock.attach(inject(DestroyRef));
  }
}
