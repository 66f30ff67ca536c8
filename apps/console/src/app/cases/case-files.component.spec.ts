import { HttpHeaders, HttpResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { ConfirmService, Notifier } from '@copilot/ui';
import { Subject } from 'rxjs';
import { CaseFile, CaseFilesData, UploadEvent } from './case-files-data.service';
import { CaseFilesComponent } from './case-files.component';

function file(name: string, extra: Partial<CaseFile> = {}): CaseFile {
  return {
    id: '6f1c2d9e-0000-4000-8000-000000000001',
    caseId: 7,
    name,
    contentType: 'text/plain',
    size: 1536,
    sha256: 'a'.repeat(64),
    uploadedBy: 'dana',
    createdAt: '2026-03-10T09:00:00Z',
    ...extra,
  };
}

describe('CaseFilesComponent', () => {
  let data: { list: jest.Mock; upload: jest.Mock; download: jest.Mock; remove: jest.Mock };
  let confirm: jest.Mock;
  let notifier: { success: jest.Mock; warn: jest.Mock; error: jest.Mock };

  async function render() {
    TestBed.configureTestingModule({
      providers: [
        { provide: CaseFilesData, useValue: data },
        { provide: ConfirmService, useValue: { confirm } },
        { provide: Notifier, useValue: notifier },
      ],
    });
    const fixture = TestBed.createComponent(CaseFilesComponent);
    fixture.componentRef.setInput('caseId', 7);
    const changed = jest.fn();
    fixture.componentInstance.changed.subscribe(changed);
    await settle(fixture);
    return { fixture, element: fixture.nativeElement as HTMLElement, changed };
  }

  async function settle(fixture: { whenStable(): Promise<unknown>; detectChanges(): void }): Promise<void> {
    for (let i = 0; i < 3; i++) {
      fixture.detectChanges();
      await fixture.whenStable();
    }
    fixture.detectChanges();
  }

  function choose(element: HTMLElement, picked: File): void {
    const input = element.querySelector<HTMLInputElement>('ui-file-drop input[type="file"]');
    if (!input) {
      throw new Error('file input missing');
    }
    Object.defineProperty(input, 'files', { value: [picked], configurable: true });
    input.dispatchEvent(new Event('change'));
  }

  beforeEach(() => {
    data = {
      list: jest.fn().mockResolvedValue({ items: [file('notes.txt')], nextCursor: null }),
      upload: jest.fn(),
      download: jest.fn(),
      remove: jest.fn().mockResolvedValue(undefined),
    };
    confirm = jest.fn().mockResolvedValue(true);
    notifier = { success: jest.fn(), warn: jest.fn(), error: jest.fn() };
  });

  it('lists the files with their size and SHA-256', async () => {
    const { element } = await render();

    const row = element.querySelector('[data-testid="case-file-notes.txt"]');
    expect(row?.textContent).toContain('1.5 KB');
    expect(row?.textContent).toContain('a'.repeat(64));
    expect(row?.textContent).toContain('dana');
  });

  it('shows upload progress, then lists the stored file and tells the page', async () => {
    const events = new Subject<UploadEvent<CaseFile>>();
    data.upload.mockReturnValue(events);
    const { fixture, element, changed } = await render();

    choose(element, new File(['hello'], 'memory.txt'));
    events.next({ kind: 'progress', fraction: 0.4 });
    await settle(fixture);
    expect(element.textContent).toContain('Uploading memory.txt');
    expect(element.querySelector('mat-progress-bar')?.getAttribute('aria-valuenow')).toBe('40');

    data.list.mockResolvedValue({ items: [file('memory.txt'), file('notes.txt')], nextCursor: null });
    events.next({ kind: 'done', result: file('memory.txt') });
    await settle(fixture);

    expect(data.upload).toHaveBeenCalledWith(7, expect.any(File));
    expect(element.textContent).not.toContain('Uploading');
    expect(element.querySelector('[data-testid="case-file-memory.txt"]')).not.toBeNull();
    expect(changed).toHaveBeenCalled();
  });

  it('refuses an empty file before sending it, and shows the api refusal of another', async () => {
    const events = new Subject<UploadEvent<CaseFile>>();
    data.upload.mockReturnValue(events);
    const { fixture, element } = await render();

    choose(element, new File([], 'empty.txt'));
    await settle(fixture);
    expect(data.upload).not.toHaveBeenCalled();
    expect(element.textContent).toContain('empty.txt is empty');

    choose(element, new File(['x'], 'big.bin'));
    events.error({ status: 413, error: { detail: 'Upload refused: the file is larger than 25 MB' } });
    await settle(fixture);
    expect(element.querySelector('[role="alert"]')?.textContent).toBeTruthy();
  });

  it('downloads a file under the name the server gives', async () => {
    const created = jest.fn(() => 'blob:1');
    Object.assign(URL, { createObjectURL: created, revokeObjectURL: jest.fn() });
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    data.download.mockResolvedValue(
      new HttpResponse({
        body: new Blob(['hello']),
        headers: new HttpHeaders({ 'Content-Disposition': `attachment; filename*=UTF-8''notes.txt` }),
      }),
    );
    const { fixture, element } = await render();

    element.querySelector<HTMLButtonElement>('[aria-label="Download"]')?.click();
    await settle(fixture);

    expect(data.download).toHaveBeenCalledWith(7, '6f1c2d9e-0000-4000-8000-000000000001');
    expect(created).toHaveBeenCalled();
    expect((click.mock.contexts[0] as HTMLAnchorElement).download).toBe('notes.txt');
    click.mockRestore();
  });

  it('deletes a file only after the user confirms', async () => {
    confirm.mockResolvedValueOnce(false);
    const { fixture, element, changed } = await render();

    element.querySelector<HTMLButtonElement>('[aria-label="Delete file"]')?.click();
    await settle(fixture);
    expect(data.remove).not.toHaveBeenCalled();

    element.querySelector<HTMLButtonElement>('[aria-label="Delete file"]')?.click();
    await settle(fixture);
    expect(data.remove).toHaveBeenCalledWith(7, '6f1c2d9e-0000-4000-8000-000000000001');
    expect(notifier.success).toHaveBeenCalledWith('notes.txt deleted.');
    expect(changed).toHaveBeenCalled();
  });
});
