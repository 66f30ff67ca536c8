import { Injectable } from '@nestjs/common';

/** The gaps between the steps of an upload or a delete, where a crash must leave nothing behind for long. */
export type CaseFileFaultPoint = 'upload:after-object' | 'delete:after-mark' | 'delete:after-object';

/**
 * A seam for crash-injection tests (like IngestionFaults): production never arms it, so `hit` is a
 * map lookup. A test arms a point and the next pass through it throws, as if the process died there.
 */
@Injectable()
export class CaseFileFaults {
  private readonly armed = new Set<CaseFileFaultPoint>();

  arm(point: CaseFileFaultPoint): void {
    this.armed.add(point);
  }

  disarm(): void {
    this.armed.clear();
  }

  hit(point: CaseFileFaultPoint): void {
    if (!this.armed.delete(point)) return;
    throw new Error(`injected fault at ${point}`);
  }
}
