import { TestBed } from '@angular/core/testing';
import { AlertSourcesService, AlertsService, ConnectorsService, SchedulerService } from '@copilot/client';
import { of } from 'rxjs';
import { RUN_POLL_INTERVAL_MS } from '../scheduler/scheduler-data.service';
import { AlertSourcesData } from './alert-sources-data.service';

describe('AlertSourcesData.runNow', () => {
  it('starts the collect job and polls its scheduler run until it ends', async () => {
    const run = (status: string) => ({ id: 'r1', jobId: 'invoke_alert_creation_collect', status, summary: status === 'succeeded' ? 'wazuh: read 3' : null });
    const scheduler = { schedulerGetRun: jest.fn().mockReturnValueOnce(of(run('running'))).mockReturnValueOnce(of(run('succeeded'))) };
    const alerts = { alertsCreateAuto: jest.fn(() => of({ runId: 'r1', status: 'running' })) };
    TestBed.configureTestingModule({
      providers: [
        { provide: AlertSourcesService, useValue: {} },
        { provide: ConnectorsService, useValue: {} },
        { provide: AlertsService, useValue: alerts },
        { provide: SchedulerService, useValue: scheduler },
        { provide: RUN_POLL_INTERVAL_MS, useValue: 1 },
      ],
    });

    const final = await TestBed.inject(AlertSourcesData).runNow(() => false);

    expect(alerts.alertsCreateAuto).toHaveBeenCalledTimes(1);
    expect(scheduler.schedulerGetRun).toHaveBeenCalledWith({ runId: 'r1' });
    expect(scheduler.schedulerGetRun).toHaveBeenCalledTimes(2);
    expect(final).toEqual(expect.objectContaining({ status: 'succeeded', summary: 'wazuh: read 3' }));
  });
});
