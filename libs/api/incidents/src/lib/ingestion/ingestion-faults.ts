import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Points of a batch where a crash (or a concurrent change) is worth proving harmless. */
export type FaultPoint = 'after-plan' | 'after-alerts-written' | 'before-cursor' | 'after-commit';

/**
 * A seam for crash-injection tests: production never arms it, so `hit` is a map lookup. A test arms a point
 * to throw on its n-th hit, as if the process died there.
 */
@Injectable()
export class IngestionFaults {
  private readonly armed = new Map<FaultPoint, number>();
  private readonly actions = new Map<FaultPoint, (tx: EntityManager) => Promise<void>>();

  /** Runs `action` once, inside the batch's transaction, the next time the point is reached: what another user did meanwhile. */
  interleave(point: FaultPoint, action: (tx: EntityManager) => Promise<void>): void {
    this.actions.set(point, action);
  }

  async reach(point: FaultPoint, tx: EntityManager): Promise<void> {
    const action = this.actions.get(point);
    if (!action) return;
    this.actions.delete(point);
    await action(tx);
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
