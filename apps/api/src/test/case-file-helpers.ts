import { createHash, randomBytes } from 'node:crypto';
import type { Reply, TestApp } from '../testing/harness';

/** Shared by the case file and case report specs: multipart bodies built by hand, as a browser sends them. */
export interface FilePart {
  field?: string;
  /** Sent as `filename="..."` unless `encodedName` is given (RFC 2231 `filename*`, for bytes a quoted string cannot carry). */
  filename?: string;
  encodedName?: string;
  contentType?: string;
  data: Buffer | string;
}

export interface CaseFileBody {
  id: string;
  caseId: number;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedBy: string;
  createdAt: string;
}

export function multipartBody(parts: FilePart[]): { payload: Buffer; contentType: string } {
  const boundary = `----copilot-${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const name = p.encodedName !== undefined ? `; filename*=UTF-8''${p.encodedName}` : p.filename !== undefined ? `; filename="${p.filename}"` : '';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="${p.field ?? 'file'}"${name}\r\nContent-Type: ${p.contentType ?? 'application/octet-stream'}\r\n\r\n`;
    chunks.push(Buffer.from(head, 'utf8'), Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data, 'utf8'), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** POSTs a multipart body through the real HTTP stack (inject), parsing the JSON answer like TestApp.request. */
export async function postMultipart<T = unknown>(t: TestApp, url: string, token: string, parts: FilePart[]): Promise<Reply<T>> {
  const { payload, contentType } = multipartBody(parts);
  const res = await t.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, payload, remoteAddress: '127.0.0.1' });
  let body: unknown = res.body;
  try {
    body = res.body ? JSON.parse(res.body) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.statusCode, headers: res.headers, body: body as T, text: res.body };
}

/** GETs raw bytes (TestApp.request decodes the body as text). */
export async function getBytes(t: TestApp, url: string, token: string): Promise<{ status: number; headers: Record<string, unknown>; bytes: Buffer }> {
  const res = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` }, remoteAddress: '127.0.0.1' });
  return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload };
}

export const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

export const filesUrl = (caseId: number) => `/api/incidents/cases/${caseId}/files`;

export async function uploadFile(t: TestApp, token: string, caseId: number, filename: string, data: Buffer | string, contentType?: string): Promise<CaseFileBody> {
  const res = await postMultipart<CaseFileBody>(t, filesUrl(caseId), token, [{ filename, data, contentType }]);
  if (res.status !== 201) throw new Error(`upload ${filename}: ${res.status} ${res.text}`);
  return res.body;
}
