import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { Notifier } from '../notify/notifier.service';
import { VersionedRecord } from './versioned-record';

interface Thing {
  id: number;
  version: number;
}

describe('VersionedRecord', () => {
  let fetch: jest.Mock<Promise<Thing>, [number]>;
  let notifier: { error: jest.Mock };

  function create(): VersionedRecord<Thing> {
    TestBed.configureTestingModule({ providers: [{ provide: Notifier, useValue: notifier }] });
    return TestBed.runInInjectionContext(() => new VersionedRecord<Thing>({ fetch, notFound: 'Not here.' }));
  }

  beforeEach(() => {
    fetch = jest.fn((id: number) => Promise.resolve({ id, version: 1 }));
    notifier = { error: jest.fn() };
  });

  it('turns a 404 into the not-found text and any other failure into the problem message', async () => {
    const record = create();
    fetch.mockRejectedValueOnce(new HttpErrorResponse({ status: 404 }));
    await record.load(3);
    expect([record.value(), record.notFound(), record.loadError(), record.loading()]).toEqual([null, true, 'Not here.', false]);

    fetch.mockRejectedValueOnce(new HttpErrorResponse({ status: 500, error: { detail: 'Database down.' } }));
    await record.load(3);
    expect([record.notFound(), record.loadError()]).toEqual([false, 'Database down.']);
  });

  it('marks the record stale on 412 until it is reloaded', async () => {
    const record = create();
    await record.load(3);
    const loaded = record.value();

    await record.save(() => Promise.reject(new HttpErrorResponse({ status: 412 })));
    expect(record.stale()).toBe(true);
    expect(record.locked()).toBe(true);
    expect(record.value()).toEqual(loaded);
    expect(record.value()).not.toBe(loaded);
    expect(notifier.error).not.toHaveBeenCalled();

    fetch.mockResolvedValueOnce({ id: 3, version: 2 });
    await record.reload();
    expect(record.stale()).toBe(false);
    expect(record.value()).toEqual({ id: 3, version: 2 });
  });

  it('shows other save failures as a message, and runs one save at a time', async () => {
    const record = create();
    await record.load(3);
    const failure = new HttpErrorResponse({ status: 400 });
    await record.save(() => Promise.reject(failure));
    expect(notifier.error).toHaveBeenCalledWith(failure);
    expect(record.stale()).toBe(false);

    let finish: () => void = () => undefined;
    const second = jest.fn();
    const first = record.save(() => new Promise<void>((resolve) => (finish = resolve)));
    await record.save(second);
    expect(second).not.toHaveBeenCalled();
    finish();
    await first;
    expect(record.busy()).toBe(false);
  });
});
