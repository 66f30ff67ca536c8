import { Injectable, inject } from '@angular/core';
import { AlertSourcesService, AlertsService, ConnectorsService } from '@copilot/client';
import { ApiParams, ApiResult, settle } from '@copilot/ui';
import { JobRun, SchedulerData } from '../scheduler/scheduler-data.service';

export type AlertSource = ApiResult<AlertSourcesService, 'sourcesGet'>;
export type SourceBody = ApiParams<AlertSourcesService, 'sourcesCreate'>['body'];
export type IndexerConnector = ApiResult<ConnectorsService, 'connectorsList'>['items'][number];

/** Alert-source calls of the console, through the generated client; "Run now" is polled like the Scheduler's. */
@Injectable({ providedIn: 'root' })
export class AlertSourcesData {
  private readonly api = inject(AlertSourcesService);
  private readonly alerts = inject(AlertsService);
  private readonly connectors = inject(ConnectorsService);
  private readonly scheduler = inject(SchedulerData);

  /** Every source, by name (the api does not page them: there are few). */
  list(): Promise<AlertSource[]> {
    return settle(this.api.sourcesList());
  }

  get(id: number): Promise<AlertSource> {
    return settle(this.api.sourcesGet({ id }));
  }

  create(body: SourceBody): Promise<AlertSource> {
    return settle(this.api.sourcesCreate({ body }));
  }

  /** A full replacement, sent with the version the user edited; 412 when someone saved in between. */
  replace(id: number, version: number, body: SourceBody): Promise<AlertSource> {
    return settle(this.api.sourcesReplace({ id, 'if-match': `"${version}"`, body }));
  }

  remove(id: number): Promise<void> {
    return settle(this.api.sourcesDelete({ id })).then(() => undefined);
  }

  /** Wazuh-Indexer instances a source can read from (the global one and customers' own). */
  async indexers(): Promise<IndexerConnector[]> {
    return (await settle(this.connectors.connectorsList({ name: 'Wazuh-Indexer', limit: 200 }))).items;
  }

  /**
   * Starts one ingestion pass over every enabled source (the collect job) and polls its scheduler run until it
   * ends; null when `cancelled()` turns true first.
   */
  async runNow(cancelled: () => boolean): Promise<JobRun | null> {
    const started = await settle(this.alerts.alertsCreateAuto());
    return this.scheduler.waitForRun(await this.scheduler.getRun(started.runId), cancelled);
  }
}
