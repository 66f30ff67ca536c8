import { HttpErrorResponse, HttpHeaders, HttpResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { Notifier } from '@copilot/ui';
import { caseFile } from '@copilot/ui/testing';
import { CASE_FILE_PAGE_SIZE, CaseFilesComponent } from './case-files.component';
import { PortalCasesData } from './cases-data.service';

describe('portal CaseFilesComponent', () => {
  let data: { fileList: jest.Mock; upload: jest.Mock; download: jest.Mock };
  let notifier: { success: jest.Mock; warn: jest.Mock; error: jest.Mock };

  async function render() {
    TestBed.configureTestingModule({
      providers: [
        { provide: PortalCasesData, useValue: data },
        { provide: Notifier, useValue: notifier },
      ],
    });
    const fixture = TestBed.createComponent(CaseFilesComponent);
    fixture.componentRef.setInput('caseId', 4);
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

  function choose(element: HTMLElement, files: File[]): void {
    const input = element.querySelector<HTMLInputElement>('[data-testid="file-input"]');
    if (!input) {
      throw new Error('file input missing');
    }
    Object.defineProperty(input, 'files', { value: files, configurable: true });
    input.dispatchEvent(new Event('change'));
  }

  afterEach(() => jest.restoreAllMocks());

  beforeEach(() => {
    data = {
      fileList: jest.fn().mockResolvedValue({ items: [caseFile('mail-headers.eml', { size: 1536 })], nextCursor: null }),
      upload: jest.fn().mockResolvedValue(caseFile('note.txt')),
      download: jest.fn(),
    };
    notifier = { success: jest.fn(), warn: jest.fn(), error: jest.fn() };
  });

  it('lists the files with their size and offers no delete', async () => {
    const { element } = await render();

    expect(data.fileList).toHaveBeenCalledWith(4, null, CASE_FILE_PAGE_SIZE);
    const row = element.querySelector('[data-testid="case-file-mail-headers.eml"]');
    expect(row?.textContent).toContain('1.5 KB');
    expect(row?.textContent).toContain('by jane');
    expect(row?.querySelector('code')?.getAttribute('title')).toBe(caseFile('x').sha256);
    expect(row?.querySelector('[aria-label="Download mail-headers.eml"]')).not.toBeNull();
    expect(element.querySelector('[aria-label*="Delete"]')).toBeNull();
  });

  it('uploads each picked file, keeps going past a refused one, then reloads and reports the change', async () => {
    data.upload
      .mockRejectedValueOnce(new HttpErrorResponse({ status: 400, error: { status: 400, detail: 'File "empty.txt" is empty' } }))
      .mockResolvedValueOnce(caseFile('note.txt'));
    const { fixture, element, changed } = await render();
    const empty = new File([], 'empty.txt');
    const note = new File(['hello'], 'note.txt', { type: 'text/plain' });

    choose(element, [empty, note]);
    await settle(fixture);

    expect(data.upload.mock.calls).toEqual([
      [4, empty],
      [4, note],
    ]);
    expect(element.querySelector('[data-testid="case-file-error"]')?.textContent).toContain('empty.txt: File "empty.txt" is empty');
    expect(data.fileList).toHaveBeenCalledTimes(2);
    expect(changed).toHaveBeenCalledTimes(1);
  });

  it('saves a download under the name the server gives, and explains a failed one', async () => {
    Object.assign(URL, { createObjectURL: jest.fn().mockReturnValue('blob:x'), revokeObjectURL: jest.fn() });
    const saved: string[] = [];
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    data.download.mockResolvedValueOnce(
      new HttpResponse({
        body: new Blob(['headers']),
        headers: new HttpHeaders({ 'Content-Disposition': `attachment; filename="mail.eml"; filename*=UTF-8''mail-headers.eml` }),
      }),
    );
    const { fixture, element } = await render();
    const button = element.querySelector<HTMLButtonElement>('[aria-label="Download mail-headers.eml"]');

    button?.click();
    await settle(fixture);
    expect(data.download).toHaveBeenCalledWith(4, caseFile('x').id);
    expect(saved).toEqual(['mail-headers.eml']);

    data.download.mockRejectedValueOnce(
      new HttpErrorResponse({ status: 503, error: new Blob([JSON.stringify({ status: 503, detail: 'Object storage is unavailable' })]) }),
    );
    button?.click();
    await settle(fixture);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(notifier.error).toHaveBeenCalledWith(new Error('Object storage is unavailable'));
  });
});
