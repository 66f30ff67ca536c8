import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { DataSource, QueryFailedError } from 'typeorm';
import { Lease } from './scheduler.entities';

/**
 * DB leases, so one replica at a time runs a job (or reads an ingestion source). Acquire is an
 * INSERT, or an UPDATE that only matches an expired lease: the database decides the race, never
 * two processes comparing timestamps they read earlier. Not re-entrant: a holder that acquires
 * again is refused like anyone else (two runs in one process must not overlap either); it
 * extends its lease with renew().
 */
@Injectable()
export class LeaseService {
  /** This process's identity as a lease owner. */
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async acquire(name: string, ttlMs: number, owner = this.owner): Promise<boolean> {
    const now = new Date();
    const expiresAt = new Date(now.getTime() + ttlMs);
    try {
      await this.db.createQueryBuilder().insert().into(Lease).values({ name, owner, expiresAt }).execute();
      return true;
    } catch (err) {
      if (!(err instanceof QueryFailedError)) throw err;
    }
    const res = await this.db
      .createQueryBuilder()
      .update(Lease)
      .set({ owner, expiresAt })
      .where('name = :name AND expires_at < :now', { name, now })
      .execute();
    return (res.affected ?? 0) === 1;
  }

  /** Extends a lease we hold; false means it was lost (expired and taken by someone else). */
  async renew(name: string, ttlMs: number, owner = this.owner): Promise<boolean> {
    const res = await this.db
      .createQueryBuilder()
      .update(Lease)
      .set({ expiresAt: new Date(Date.now() + ttlMs) })
      .where('name = :name AND owner = :owner', { name, owner })
      .execute();
    return (res.affected ?? 0) === 1;
  }

  async release(name: string, owner = this.owner): Promise<void> {
    await this.db.createQueryBuilder().delete().from(Lease).where('name = :name AND owner = :owner', { name, owner }).execute();
  }

  /**
   * Runs `work` while holding the lease, renewing it at a third of its TTL. Returns undefined
   * without running when someone else holds it.
   */
  async withLease<T>(name: string, ttlMs: number, work: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
    if (!(await this.acquire(name, ttlMs))) return { ran: false };
    const timer = setInterval(() => void this.renew(name, ttlMs).catch(() => undefined), Math.max(1000, ttlMs / 3));
    try {
      return { ran: true, value: await work() };
    } finally {
      clearInterval(timer);
      await this.release(name).catch(() => undefined);
    }
  }
}
