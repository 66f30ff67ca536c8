import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatSelectHarness } from '@angular/material/select/testing';
import { AlertFilter, EMPTY_FILTER } from './alert-filter';
import { AlertFiltersComponent } from './alert-filters.component';
import { AlertsData } from './alerts-data.service';

@Component({
  selector: 'cp-host',
  imports: [AlertFiltersComponent],
  template: `<cp-alert-filters [filter]="filter()" [assignees]="users" [meId]="1" (changed)="changes.push($event)" />`,
})
class HostComponent {
  readonly filter = signal<AlertFilter>(EMPTY_FILTER);
  readonly users = [
    { id: 1, username: 'me', displayName: null },
    { id: 2, username: 'dana', displayName: 'Dana Scully' },
  ];
  readonly changes: Partial<AlertFilter>[] = [];
}

describe('AlertFiltersComponent', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [{ provide: AlertsData, useValue: { searchCustomers: jest.fn().mockResolvedValue([]) } }],
    });
  });

  it('offers unassigned, me and every assignable user, and reports the pick', async () => {
    const fixture = TestBed.createComponent(HostComponent);
    fixture.detectChanges();
    const loader = TestbedHarnessEnvironment.loader(fixture);
    const assignee = await loader.getHarness(MatSelectHarness.with({ selector: '[data-testid="alert-assignee-filter"]' }));

    await assignee.open();
    expect(await Promise.all((await assignee.getOptions()).map((o) => o.getText()))).toEqual([
      'Anyone',
      'Unassigned',
      'Assigned to me',
      'Dana Scully',
    ]);
    await assignee.clickOptions({ text: 'Unassigned' });

    expect(fixture.componentInstance.changes).toEqual([{ assignee: 'unassigned' }]);
  });

  it('reports the title search once typing pauses', async () => {
    jest.useFakeTimers();
    try {
      const fixture = TestBed.createComponent(HostComponent);
      fixture.detectChanges();
      const input = fixture.nativeElement.querySelector('[data-testid="alert-title-filter"]') as HTMLInputElement;

      input.value = 'brute';
      input.dispatchEvent(new Event('input'));
      input.value = 'brute force ';
      input.dispatchEvent(new Event('input'));
      jest.advanceTimersByTime(400);

      expect(fixture.componentInstance.changes).toEqual([{ title: 'brute force' }]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('turns picked days into local day bounds', async () => {
    const fixture = TestBed.createComponent(HostComponent);
    fixture.detectChanges();
    const loader = TestbedHarnessEnvironment.loader(fixture);

    await (
      await loader.getHarness(MatSelectHarness.with({ selector: '[data-testid="alert-range-filter"]' }))
    ).clickOptions({
      text: 'Custom days…',
    });
    fixture.detectChanges();
    const [start, end] = [...fixture.nativeElement.querySelectorAll('mat-date-range-input input')] as HTMLInputElement[];
    start.value = '3/1/2026';
    start.dispatchEvent(new Event('input'));
    end.value = '3/2/2026';
    end.dispatchEvent(new Event('input'));
    end.dispatchEvent(new Event('change'));

    expect(fixture.componentInstance.changes).toEqual([
      {
        range: {
          kind: 'custom',
          from: new Date(2026, 2, 1).toISOString(),
          to: new Date(new Date(2026, 2, 3).getTime() - 1).toISOString(),
        },
      },
    ]);
  });
});
