import { TestBed } from '@angular/core/testing';
import { AlertsService, CustomersService, UsersService } from '@copilot/client';
import { of } from 'rxjs';
import { EMPTY_FILTER } from './alert-filter';
import { AlertsData } from './alerts-data.service';

describe('AlertsData', () => {
  let api: { alertsList: jest.Mock; alertsCounts: jest.Mock; alertsUpdate: jest.Mock };
  const now = new Date('2026-03-10T12:00:00Z');

  beforeEach(() => {
    api = {
      alertsList: jest.fn(() => of({ items: [], nextCursor: null })),
      alertsCounts: jest.fn(() => of({ OPEN: 0, IN_PROGRESS: 0, CLOSED: 0, total: 0 })),
      alertsUpdate: jest.fn(() => of({})),
    };
    TestBed.configureTestingModule({
      providers: [
        { provide: AlertsService, useValue: api },
        { provide: UsersService, useValue: {} },
        { provide: CustomersService, useValue: {} },
      ],
    });
  });

  it('sends only the filters that are set, with a relative range measured from the given moment', async () => {
    const filter = {
      ...EMPTY_FILTER,
      status: ['OPEN' as const],
      severity: ['High' as const, 'Critical' as const],
      assignee: 'unassigned',
      verdict: 'UNTRIAGED' as const,
      asset: 'vpn-gw-1',
      range: { kind: 'preset' as const, key: '24h' as const, ms: 24 * 3600_000 },
    };

    await TestBed.inject(AlertsData).list(filter, 'c1', 50, now);
    await TestBed.inject(AlertsData).counts(filter, now);

    const expected = {
      severity: ['High', 'Critical'],
      assigneeId: 'unassigned',
      verdict: 'UNTRIAGED',
      asset: 'vpn-gw-1',
      from: '2026-03-09T12:00:00.000Z',
    };
    expect(JSON.parse(JSON.stringify(api.alertsList.mock.calls[0][0]))).toEqual({
      ...expected,
      status: ['OPEN'],
      limit: 50,
      cursor: 'c1',
    });
    expect(JSON.parse(JSON.stringify(api.alertsCounts.mock.calls[0][0]))).toEqual(expected);
  });

  it('passes explicit day bounds through', async () => {
    const range = { kind: 'custom' as const, from: '2026-03-01T00:00:00.000Z', to: '2026-03-02T23:59:59.999Z' };

    await TestBed.inject(AlertsData).counts({ ...EMPTY_FILTER, range }, now);

    expect(api.alertsCounts).toHaveBeenCalledWith(expect.objectContaining({ from: range.from, to: range.to }));
  });

  it('sends the version as a quoted If-Match', async () => {
    await TestBed.inject(AlertsData).patch(7, 3, { status: 'CLOSED' });

    expect(api.alertsUpdate).toHaveBeenCalledWith({ id: 7, 'if-match': '"3"', body: { status: 'CLOSED' } });
  });
});
