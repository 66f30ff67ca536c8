import { HttpErrorResponse, HttpResponse } from '@angular/common/http';
import { problemMessage } from '../api/problem';

/**
 * The file name a response gives in `Content-Disposition` (RFC 6266: `filename*=UTF-8''…` wins over
 * `filename="…"`), else `fallback`.
 */
export function attachmentName(disposition: string | null, fallback: string): string {
  if (!disposition) {
    return fallback;
  }
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // A malformed encoding: use the plain name below.
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/i.exec(disposition);
  return (plain?.[1] ?? plain?.[2] ?? '').trim() || fallback;
}

/** Hands a blob to the browser as a download named `name`. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; later is safe.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Saves a downloaded body under the name the server gave it (else `fallback`). */
export function saveResponse(response: HttpResponse<Blob>, fallback: string): void {
  if (!response.body) {
    throw new Error('The download was empty.');
  }
  saveBlob(response.body, attachmentName(response.headers.get('Content-Disposition'), fallback));
}

/** 1536 → "1.5 KB", 3 → "3 B". */
export function byteSize(bytes: number): string {
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** A blob's text, through FileReader (everywhere, unlike Blob.text() in older engines and jsdom). */
function blobText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

/** The sentence for a failed blob-typed call: its problem+json body arrives as a Blob, so read it first. */
export async function blobProblem(error: unknown): Promise<string> {
  if (error instanceof HttpErrorResponse && error.error instanceof Blob) {
    try {
      const body = JSON.parse(await blobText(error.error)) as { detail?: unknown; title?: unknown };
      if (typeof body.detail === 'string') return body.detail;
      if (typeof body.title === 'string') return body.title;
    } catch {
      // Not JSON: the generic message below.
    }
  }
  return problemMessage(error);
}
