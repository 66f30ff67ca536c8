import type { EntityManager } from 'typeorm';
import { insertRowsWithIds, runStatement, sqlDialectOf } from '@copilot/api-core';
import { Alert } from '../alerts/alert.entity';
import { ALERT_COLUMNS, batchWrites, chunks, newAlertCells, newAlertRow, withParameters, type BatchSql, type BatchWrites } from './batch-statements';
import { idOfTarget, type AlertTarget, type BatchPlan, type NewAlertPlan } from './dedup-planner';

/** A repeat's alert changed after the batch was planned (edited, deleted, bumped by someone else): plan it again. */
export class StaleHeadError extends Error {
  constructor() {
    super('an alert a repeat belongs to changed while the batch was planned');
  }
}

/** Runs statements in order, checking what each must match. */
export async function runChecked(tx: EntityManager, statements: readonly BatchSql[]): Promise<void> {
  for (const s of statements) {
    const { affected } = await runStatement(tx, { sql: s.sql, params: s.params ?? [] });
    if (s.expectRows !== undefined && affected !== s.expectRows) throw new StaleHeadError();
  }
}

/**
 * New alerts in multi-row INSERTs; their ids (set on each plan entry) come from the server when consecutive,
 * else by the (source, customer, externalId) index.
 */
export async function insertAlerts(tx: EntityManager, creates: readonly NewAlertPlan[], now: Date): Promise<void> {
  const keyed = creates.filter((p) => p.first.externalId !== null);
  for (const p of creates.filter((c) => c.first.externalId === null)) {
    // No external id to read it back by: a single-row insert, whose generated id the driver reports.
    const res = await tx.getRepository(Alert).insert(newAlertRow(p, now) as Partial<Alert>);
    p.id = Number(res.identifiers[0]['id']);
  }
  for (const part of chunks(keyed)) {
    const generated = await insertRowsWithIds(tx, 'alerts', ALERT_COLUMNS, part.map((p) => newAlertCells(p, now)));
    if (generated) {
      part.forEach((p, i) => (p.id = generated[i]));
      continue;
    }
    // One read-back per chunk: per customer an IN list, each a range of the (source, customer, externalId) index.
    const byCustomer = new Map<string, string[]>();
    for (const p of part) {
      const group = byCustomer.get(p.first.customerCode) ?? [];
      group.push(p.first.externalId as string);
      byCustomer.set(p.first.customerCode, group);
    }
    const groups = [...byCustomer.entries()];
    const rows: { id: number; customer_code: string; external_id: string }[] = await tx.query(
      `SELECT id, customer_code, external_id FROM alerts WHERE source = ? AND (${groups.map(([, e]) => `(customer_code = ? AND external_id IN (${e.map(() => '?').join(', ')}))`).join(' OR ')})`,
      [part[0].first.source, ...groups.flatMap(([code, e]) => [code, ...e])],
    );
    const byKey = new Map(rows.map((a) => [`${a.customer_code}\u0000${a.external_id}`, Number(a.id)]));
    for (const p of part) p.id = byKey.get(`${p.first.customerCode}\u0000${p.first.externalId}`) ?? null;
  }
}

export function literalId(target: AlertTarget): number {
  const id = idOfTarget(target);
  if (id === null) throw new Error('an alert of an earlier batch has no id: that batch was not written');
  return id;
}

/**
 * Writes a batch plan statement by statement inside the caller's transaction: the new alerts first, for their
 * ids, then everything else with the ids filled in. The path of single alerts (pushes, manual creates).
 */
export async function writePlan(tx: EntityManager, plan: BatchPlan, sourceId: number, now: Date, actor: { id: number; username: string } | null = null): Promise<BatchWrites> {
  await insertAlerts(tx, plan.creates, now);
  const dialect = sqlDialectOf(tx);
  const writes = batchWrites(plan, { dialect, statement: withParameters(dialect), sourceId, now, actor, idOf: literalId });
  await runChecked(tx, writes.statements);
  return writes;
}
