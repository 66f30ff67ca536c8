import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, Entity, PrimaryColumn, QueryFailedError } from 'typeorm';
import { DateTimeColumn, IntColumn, TooManyRequestsError } from '@copilot/api-core';

/** Failure counters per username and per IP, in the database so every replica sees them. */
@Entity('login_throttle')
export class LoginThrottleRow {
  /** `u:<username>` or `ip:<address>`. */
  @PrimaryColumn({ type: 'varchar', length: 200, name: 'throttle_key' })
  key!: string;

  @IntColumn()
  failures!: number;

  @DateTimeColumn({ name: 'window_start' })
  windowStart!: Date;

  @DateTimeColumn({ name: 'locked_until', nullable: true })
  lockedUntil!: Date | null;
}

export const THROTTLE = {
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  perUsername: 5,
  perIp: 30,
};

@Injectable()
export class LoginThrottle {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private keys(username: string, ip: string): { key: string; limit: number }[] {
    return [
      { key: `u:${username.toLowerCase().slice(0, 190)}`, limit: THROTTLE.perUsername },
      { key: `ip:${ip}`, limit: THROTTLE.perIp },
    ];
  }

  /** Throws 429 with Retry-After while either the username or the IP is locked. */
  async assertAllowed(username: string, ip: string): Promise<void> {
    const now = Date.now();
    const rows = await this.db.getRepository(LoginThrottleRow).findBy(this.keys(username, ip).map(({ key }) => ({ key })));
    const until = Math.max(0, ...rows.map((r) => (r.lockedUntil ? r.lockedUntil.getTime() : 0)));
    if (until > now) throw new TooManyRequestsError('Too many failed sign-in attempts; try again later', (until - now) / 1000);
  }

  /** Counts a failure atomically (UPDATE ... SET failures = failures + 1) and locks at the limit. */
  async recordFailure(username: string, ip: string): Promise<void> {
    const now = new Date();
    const windowCutoff = new Date(now.getTime() - THROTTLE.windowMs);
    for (const { key, limit } of this.keys(username, ip)) {
      const repo = this.db.getRepository(LoginThrottleRow);
      const res = await repo
        .createQueryBuilder()
        .update()
        .set({
          failures: () => 'CASE WHEN window_start < :cutoff THEN 1 ELSE failures + 1 END',
          windowStart: () => 'CASE WHEN window_start < :cutoff THEN :now ELSE window_start END',
        })
        .where('throttle_key = :key')
        .setParameters({ cutoff: windowCutoff, now, key })
        .execute();
      if ((res.affected ?? 0) === 0) {
        try {
          await repo.insert({ key, failures: 1, windowStart: now, lockedUntil: null });
        } catch (err) {
          if (!(err instanceof QueryFailedError)) throw err;
          await repo.createQueryBuilder().update().set({ failures: () => 'failures + 1' }).where('throttle_key = :key', { key }).execute();
        }
      }
      await repo
        .createQueryBuilder()
        .update()
        .set({ lockedUntil: new Date(now.getTime() + THROTTLE.lockMs), failures: 0, windowStart: now })
        .where('throttle_key = :key AND failures >= :limit', { key, limit })
        .execute();
    }
  }

  /** A successful sign-in clears the username's counter (not the IP's: one good account must
   * not let an attacker keep guessing others from the same address). */
  async recordSuccess(username: string): Promise<void> {
    await this.db.getRepository(LoginThrottleRow).delete({ key: `u:${username.toLowerCase().slice(0, 190)}` });
  }
}
