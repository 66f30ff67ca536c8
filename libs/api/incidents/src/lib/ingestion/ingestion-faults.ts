import { Injectable } from '@nestjs/common';

/**
 * Points of a batch where a crash (or a concurrent change) is worth proving harmless: planned but not written,
 * written (alerts, repeats, evidence, origins, cursor) but not committed, and committed.
 */
export type FaultPoint = 'after-plan' | 'after-write' | 'after-commit';

/**
 * A seam for crash-injection tests: production never arms it, so `hit` is a map lookup. A test arms a point
 * to throw on its n-th hit, as if the process died there.
 */
@Injectable()
export class IngestionFaults {
  private readonly armed = new Map<FaultPoint, number>();
  private readonly actions = new Map<FaultPoint, () => Promise<void>>();

  /** Runs `action` once, the next time the point is reached: what another user did meanwhile. */
  interleave(point: FaultPoint, action: () => Promise<void>): void {
    this.actions.set(point, action);
  }

  async reach(point: FaultPoint): Promise<void> {
    const action = this.actions.get(point);
    if (!action) return;
    this.actions.delete(point);
    await action();
  }

  arm(point: FaultPoint, onHit = 1): void {
    this.armed.set(point, onHit);
  }

  disarm(): void {
    this.armed.clear();
    this.actions.clear();
  }

  hit(point: FaultPoint): void {
    const left = this.armed.get(point);
    if (left === undefined) return;
    if (left > 1) {
      this.armed.set(point, left - 1);
      return;
    }
    this.armed.delete(point);
    throw new Error(`injected fault at ${point}`);
  }
}
