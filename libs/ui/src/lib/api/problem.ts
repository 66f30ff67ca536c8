import { HttpErrorResponse } from '@angular/common/http';

/** RFC 9457 problem document as the api answers it. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: { field: string; message: string }[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Extracts the problem document of a failed call; bodies of text-typed calls (204 operations) are parsed too. */
export function problemOf(error: unknown): Problem | null {
  if (!(error instanceof HttpErrorResponse)) {
    return null;
  }
  let body: unknown = error.error;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      return null;
    }
  }
  if (!isRecord(body)) {
    return null;
  }
  const errors = Array.isArray(body['errors'])
    ? body['errors'].filter(isRecord).map((e) => ({ field: String(e['field'] ?? ''), message: String(e['message'] ?? '') }))
    : undefined;
  return {
    type: typeof body['type'] === 'string' ? body['type'] : undefined,
    title: typeof body['title'] === 'string' ? body['title'] : undefined,
    status: typeof body['status'] === 'number' ? body['status'] : error.status,
    detail: typeof body['detail'] === 'string' ? body['detail'] : undefined,
    errors,
  };
}

/** HTTP status of a failed call, or null when it was not an HTTP failure. */
export function statusOf(error: unknown): number | null {
  return error instanceof HttpErrorResponse ? error.status : null;
}

/** A sentence to show the user for any failure: the problem's detail, else its title, else a generic text. */
export function problemMessage(error: unknown): string {
  if (error instanceof HttpErrorResponse && error.status === 0) {
    return 'The server cannot be reached. Check your connection and try again.';
  }
  const problem = problemOf(error);
  if (problem?.detail) {
    return problem.detail;
  }
  if (problem?.title) {
    return problem.title;
  }
  if (error instanceof HttpErrorResponse) {
    return `The request failed (HTTP ${error.status}).`;
  }
  return error instanceof Error ? error.message : 'Something went wrong.';
}

/** `currentPassword` → `Current password`; `customerCodes.0` → `Customer codes`. */
function fieldLabel(field: string): string {
  const words = field.split('.')[0].replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Makes a field message readable on its own: the api sends either a fragment ("is incorrect") or a sentence
 * naming the property ("newPassword must be …"); both become "<Field label> …".
 */
function fieldSentence(field: string, message: string): string {
  const label = fieldLabel(field);
  if (message.toLowerCase().startsWith(field.toLowerCase())) {
    return label + message.slice(field.length);
  }
  return /^[a-z]/.test(message) ? `${label} ${message}` : message;
}

/** Field-level messages of a 400 problem, keyed by field name. */
export function fieldErrors(error: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  for (const item of problemOf(error)?.errors ?? []) {
    if (item.field && !(item.field in result)) {
      result[item.field] = fieldSentence(item.field, item.message);
    }
  }
  return result;
}
