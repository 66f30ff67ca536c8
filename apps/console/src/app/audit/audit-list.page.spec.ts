import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { AuditListPage } from './audit-list.page';
import { AuditData, AuditEntry } from './audit-data.service';

function entry(id: number, action: string): AuditEntry {
  return {
    id,
    at: '2026-01-01T10:00:00Z',
    actorId: 1,
    actorUsername: 'admin',
    action,
    entity: 'scheduler',
    entityId: 'prune_audit_log',
    outcome: 'success',
    statusCode: 200,
    ip: '127.0.0.1',
    detail: null,
  };
}

describe('AuditListPage', () => {
  let list: jest.Mock;

  beforeEach(() => {
    list = jest.fn();
  });

  it('loads with the URL filters and appends the next page on "Load more"', async () => {
    list
      .mockResolvedValueOnce({ items: [entry(9, 'POST /api/scheduler/pause/:id')], nextCursor: 'c1' })
      .mockResolvedValueOnce({ items: [entry(4, 'POST /api/scheduler/start/:id')], nextCursor: null });
    TestBed.configureTestingModule({
      providers: [provideRouter([{ path: 'audit', component: AuditListPage }]), { provide: AuditData, useValue: { list } }],
    });
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/audit?action=POST%20%2Fapi%2Fscheduler&outcome=success', AuditListPage);
    await harness.fixture.whenStable();
    harness.detectChanges();
    const element = harness.routeNativeElement as HTMLElement;

    expect(list).toHaveBeenCalledWith({ action: 'POST /api/scheduler', outcome: 'success' }, null, 50);
    expect(element.querySelectorAll('tr.mat-mdc-row')).toHaveLength(1);

    [...element.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.includes('Load more'))?.click();
    await harness.fixture.whenStable();
    harness.detectChanges();

    expect(list).toHaveBeenLastCalledWith({ action: 'POST /api/scheduler', outcome: 'success' }, 'c1', 50);
    const rows = element.querySelectorAll('tr.mat-mdc-row');
    expect(rows).toHaveLength(2);
    expect(rows[1].textContent).toContain('POST /api/scheduler/start/:id');
    expect(element.textContent).not.toContain('Load more');
  });
});
