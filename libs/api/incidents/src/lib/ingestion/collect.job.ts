import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { ScheduledJob } from '@copilot/api-core';
import { AlertSource } from './alert-source.entity';
import type { SourcePassService } from './source-pass.service';

export const COLLECT_JOB = 'invoke_alert_creation_collect';

/**
 * One pass over every enabled source, one after another (each under its own lease). A failing source is
 * reported and does not stop the others; the run fails only when every source that ran failed.
 */
export class CollectAlertsJob implements ScheduledJob {
  readonly name = COLLECT_JOB;
  readonly description = 'Create alerts from the enabled alert sources (Wazuh indexer / Graylog events)';
  readonly defaultIntervalMinutes = 5;
  readonly defaultEnabled = true;
  private readonly logger = new Logger('AlertIngestion');

  constructor(
    private readonly db: DataSource,
    private readonly passes: SourcePassService,
  ) {}

  async run(): Promise<string> {
    const sources = await this.db.getRepository(AlertSource).find({ where: { enabled: true }, order: { id: 'ASC' }, select: { id: true, name: true } });
    if (sources.length === 0) return 'no enabled alert sources';
    const lines: string[] = [];
    let failed = 0;
    for (const s of sources) {
      try {
        const r = await this.passes.run(s.id);
        lines.push(r ? `${s.name}: read ${r.read}, created ${r.created}, repeats ${r.bumped}, unattributed ${r.unattributed}` : `${s.name}: skipped (another pass holds it)`);
      } catch (err) {
        failed++;
        lines.push(`${s.name}: failed (${(err as Error).message})`);
        this.logger.warn(`source ${s.name} failed; continuing with the others`);
      }
    }
    const summary = lines.join('; ');
    if (failed === sources.length) throw new Error(summary);
    return summary;
  }
}
