import type { AlertTarget, NewAlertPlan } from './dedup-planner';

/** An asset (by name) or an IoC (by type and value) of an alert. */
export type Evidence = [target: AlertTarget, kind: 'asset' | 'ioc', key: string];

type EvidenceSets = Map<AlertTarget, Set<string>>;

/** One generation of KnownEvidence: assets and IoCs by alert. */
class EvidenceGeneration {
  readonly asset: EvidenceSets = new Map();
  readonly ioc: EvidenceSets = new Map();
  size = 0;

  keysOf(target: AlertTarget, kind: Evidence[1]): Set<string> | undefined {
    const byAlert = kind === 'asset' ? this.asset : this.ioc;
    return byAlert.get(target) ?? (typeof target !== 'number' && target.id !== null ? byAlert.get(target.id) : undefined);
  }

  add(target: AlertTarget, kind: Evidence[1], key: string): void {
    const byAlert = kind === 'asset' ? this.asset : this.ioc;
    let keys = byAlert.get(target);
    if (!keys) byAlert.set(target, (keys = new Set()));
    if (!keys.has(key)) {
      keys.add(key);
      this.size++;
    }
  }

  settle(entries: readonly NewAlertPlan[]): void {
    for (const byAlert of [this.asset, this.ioc]) {
      for (const entry of entries) {
        const keys = byAlert.get(entry);
        if (!keys || entry.id === null) continue;
        byAlert.delete(entry);
        const into = byAlert.get(entry.id);
        if (!into) byAlert.set(entry.id, keys);
        else for (const key of keys) into.add(key);
      }
    }
  }
}

/**
 * Assets and IoCs an alert has, or will have once the batch in flight commits: a repeat mostly carries what its
 * alert already has, and those rows are not sent again. Keyed by the alert's id, or by its plan entry while the
 * id is not known; `settle` moves a committed batch's new alerts to their ids. Two generations of bounded size:
 * when the young one fills, the old one is dropped and what is looked up again moves back, so a stream's
 * recurring evidence stays known while one-off values (a fresh attacker IP) age out. A forgotten row is sent
 * again and ignored by the database; after a failed transaction everything is forgotten.
 */
export class KnownEvidence {
  private young = new EvidenceGeneration();
  private old = new EvidenceGeneration();

  constructor(private readonly perGeneration = 25_000) {}

  has(target: AlertTarget, kind: Evidence[1], key: string): boolean {
    if (this.young.keysOf(target, kind)?.has(key)) return true;
    if (!this.old.keysOf(target, kind)?.has(key)) return false;
    this.young.add(target, kind, key);
    return true;
  }

  add(evidence: readonly Evidence[]): void {
    for (const [target, kind, key] of evidence) {
      if (this.young.size >= this.perGeneration) {
        this.old = this.young;
        this.young = new EvidenceGeneration();
      }
      this.young.add(target, kind, key);
    }
  }

  /** New alerts whose ids are now known: their evidence is kept by id, and their plan entries are let go. */
  settle(entries: readonly NewAlertPlan[]): void {
    this.young.settle(entries);
    this.old.settle(entries);
  }

  clear(): void {
    this.young = new EvidenceGeneration();
    this.old = new EvidenceGeneration();
  }
}
