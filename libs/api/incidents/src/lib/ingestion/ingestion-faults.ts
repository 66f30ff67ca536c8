import { Injectable } from '@nestjs/common';

/** Points of a batch where a crash is worth proving harmless. */
export type FaultPoint = 'after-alerts-written' | 'before-cursor' | 'after-commit';

/**
 * A seam for crash-injection tests: production never arms it, so `hit` is a map lookup. A test arms a point
 * to throw on its n-th hit, as if the process died there.
 */
@Injectable()
export class IngestionFaults {
  private readonly armed = new Map<FaultPoint, number>();

  arm(point: FaultPoint, onHit = 1): void {
    this.armed.set(point, onHit);
  }

  disarm(): void {
    this.armed.clear();
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
