import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import {
  FakeHttpServer,
  type FakeResponse,
  type FakeServerOptions,
  type RecordedRequest,
} from '../http/fake-http-server';
import { seedVirusTotalObjects, type FakeVtObject, type VtObjectType } from './virustotal-seed';

export interface FakeVirusTotalOptions extends FakeServerOptions {
  /** The key accepted in the `x-apikey` header (VirusTotal keys are 64 hex characters). */
  apiKey?: string;
  /** Server-side quota: authenticated requests allowed per rolling minute before 429. Default: unlimited. */
  quotaPerMinute?: number;
}

const COLLECTIONS: Record<string, VtObjectType> = {
  files: 'file',
  urls: 'url',
  ip_addresses: 'ip_address',
  domains: 'domain',
};

const LABEL: Record<VtObjectType, string> = { file: 'File', url: 'URL', ip_address: 'IP address', domain: 'Domain' };

/** docs.virustotal.com/reference/errors: `{"error": {"code": "<error code>", "message": "..."}}`. */
const vtError = (
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): FakeResponse => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify({ error: { code, message } }),
});

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * A fake VirusTotal API v3 (docs.virustotal.com/reference, v3.0) under `/api/v3`: the `x-apikey` header
 * (401 AuthenticationRequiredError when missing, WrongCredentialsError when wrong), object lookups
 * `GET /files/{md5|sha1|sha256}`, `/urls/{sha256 or unpadded base64url of the URL}`, `/ip_addresses/{ip}`,
 * `/domains/{domain}`, 404 NotFoundError for unknown objects, and 429 QuotaExceededError past the quota.
 */
export class FakeVirusTotal extends FakeHttpServer {
  private readonly objects = new Map<string, FakeVtObject>();
  private apiKey: string;
  private readonly quotaPerMinute?: number;
  private readonly served: number[] = [];
  private quotaFaults: { remaining: number; retryAfterSeconds?: number }[] = [];

  constructor(options: FakeVirusTotalOptions = {}) {
    super(options);
    this.apiKey = options.apiKey ?? '6f1c3b2a9d8e7f60'.repeat(4);
    this.quotaPerMinute = options.quotaPerMinute;
    for (const object of seedVirusTotalObjects()) this.add(object);
  }

  static async start(options: FakeVirusTotalOptions = {}): Promise<FakeVirusTotal> {
    return new FakeVirusTotal(options).start();
  }

  /** Base URL of the API, what a connector's URL is set to: `https://127.0.0.1:<port>/api/v3`. */
  get apiUrl(): string {
    return `${this.url}/api/v3`;
  }

  get key(): string {
    return this.apiKey;
  }

  setApiKey(apiKey: string): void {
    this.apiKey = apiKey;
  }

  /** Adds or replaces an object; files are also found by md5 and sha1. */
  add(object: FakeVtObject): void {
    this.objects.set(`${object.type}:${object.id}`, object);
    if (object.type === 'file') {
      for (const alias of [object.attributes['md5'], object.attributes['sha1']]) {
        if (typeof alias === 'string') this.objects.set(`file:${alias}`, object);
      }
    }
  }

  /** The next `times` authenticated lookups answer 429 QuotaExceededError, with Retry-After when given. */
  exceedQuota(times = 1, retryAfterSeconds?: number): void {
    this.quotaFaults.push({ remaining: times, retryAfterSeconds });
  }

  /** Lookups that reached the object handler (authenticated and within quota). */
  lookupCount(): number {
    return this.served.length;
  }

  protected override unauthorized(): FakeResponse {
    return vtError(401, 'WrongCredentialsError', 'Wrong API key');
  }

  protected handle(req: RecordedRequest): FakeResponse {
    const key = req.headers['x-apikey'];
    if (typeof key !== 'string' || key === '') {
      return vtError(401, 'AuthenticationRequiredError', 'X-Apikey header is missing');
    }
    if (!sameSecret(key, this.apiKey)) return this.unauthorized();
    const quota = this.quotaAnswer();
    if (quota) return quota;
    const match = /^\/api\/v3\/(files|urls|ip_addresses|domains)\/([^/]+)$/.exec(req.path);
    if (!match || req.method !== 'GET') {
      return vtError(404, 'NotFoundError', `Resource not found: ${req.method} ${req.path}`);
    }
    this.served.push(Date.now());
    const type = COLLECTIONS[match[1]];
    const raw = match[2];
    if (type === 'ip_address' && isIP(raw) === 0) {
      return vtError(400, 'InvalidArgumentError', `"${raw}" is not a valid IP address`);
    }
    const object = this.objects.get(`${type}:${this.canonicalId(type, raw)}`);
    if (!object) return vtError(404, 'NotFoundError', `${LABEL[type]} "${raw}" not found`);
    const self = `https://www.virustotal.com/api/v3/${match[1]}/${object.id}`;
    return {
      status: 200,
      body: { data: { type: object.type, id: object.id, links: { self }, attributes: object.attributes } },
    };
  }

  private canonicalId(type: VtObjectType, raw: string): string {
    if (type === 'file' || type === 'domain') return raw.toLowerCase();
    if (type !== 'url' || /^[0-9a-f]{64}$/i.test(raw)) return raw.toLowerCase();
    // docs "URL identifiers": the unpadded base64url encoding of the URL is accepted as its id.
    const url = Buffer.from(raw, 'base64url').toString('utf8');
    return createHash('sha256').update(url).digest('hex');
  }

  private quotaAnswer(): FakeResponse | null {
    const fault = this.quotaFaults[0];
    if (fault) {
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.quotaFaults.shift();
      const headers: Record<string, string> =
        fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
      return vtError(429, 'QuotaExceededError', 'Quota exceeded', headers);
    }
    if (this.quotaPerMinute === undefined) return null;
    const since = Date.now() - 60_000;
    const recent = this.served.filter((at) => at > since).length;
    return recent >= this.quotaPerMinute ? vtError(429, 'QuotaExceededError', 'Quota exceeded') : null;
  }
}
