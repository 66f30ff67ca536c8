import { HttpErrorResponse, HttpHeaders, HttpResponse } from '@angular/common/http';
import { attachmentName, blobProblem, byteSize, saveResponse } from './download';

describe('download helpers', () => {
  afterEach(() => jest.restoreAllMocks());

  it('reads the name of Content-Disposition, preferring the UTF-8 form', () => {
    expect(attachmentName(`attachment; filename="r_sum_.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf`, 'x')).toBe('résumé.pdf');
    expect(attachmentName('attachment; filename="notes.txt"', 'x')).toBe('notes.txt');
    expect(attachmentName('attachment; filename=plain.log', 'x')).toBe('plain.log');
    expect(attachmentName(null, 'fallback.bin')).toBe('fallback.bin');
    expect(attachmentName('attachment', 'fallback.bin')).toBe('fallback.bin');
  });

  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1536, '1.5 KB'],
    [20 * 1024, '20 KB'],
    [5 * 1024 * 1024, '5.0 MB'],
    [3 * 1024 ** 4, '3.0 TB'],
  ])('%d bytes read "%s"', (bytes, text) => {
    expect(byteSize(bytes)).toBe(text);
  });

  it('saves the body under the server-given name', () => {
    const created = jest.fn().mockReturnValue('blob:x');
    Object.assign(URL, { createObjectURL: created, revokeObjectURL: jest.fn() });
    const clicked: string[] = [];
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    const body = new Blob(['hello']);
    saveResponse(
      new HttpResponse({ body, headers: new HttpHeaders({ 'Content-Disposition': 'attachment; filename="hello.txt"' }) }),
      'fallback',
    );
    expect(created).toHaveBeenCalledWith(body);
    expect(clicked).toEqual(['hello.txt']);
  });

  it('reads the problem out of a blob error body', async () => {
    const body = new Blob([JSON.stringify({ status: 404, detail: 'Case 4 not found' })], { type: 'application/problem+json' });
    expect(await blobProblem(new HttpErrorResponse({ status: 404, error: body }))).toBe('Case 4 not found');
    expect(await blobProblem(new HttpErrorResponse({ status: 502, error: new Blob(['<html>']) }))).toBe(
      'The request failed (HTTP 502).',
    );
  });
});
