import { FakeVirusTotal } from './fake-virustotal';
import { EICAR } from './virustotal-seed';

type Json = Record<string, unknown>;

describe('FakeVirusTotal (plain HTTP, driven with fetch)', () => {
  let fake: FakeVirusTotal;
  const get = async (path: string, key: string | null = fake.key) => {
    const response = await fetch(`${fake.apiUrl}${path}`, { headers: key === null ? {} : { 'x-apikey': key } });
    return { status: response.status, headers: response.headers, json: (await response.json()) as Json };
  };
  const data = (json: Json) => json['data'] as { id: string; type: string; attributes: Json };

  beforeEach(async () => {
    fake = await FakeVirusTotal.start({ quotaPerMinute: 3 });
  });

  afterEach(() => fake.stop());

  it('answers v3 errors for missing and wrong keys', async () => {
    expect((await get('/files/x', null)).json).toEqual({
      error: { code: 'AuthenticationRequiredError', message: 'X-Apikey header is missing' },
    });
    expect((await get('/files/x', 'bad')).json).toEqual({
      error: { code: 'WrongCredentialsError', message: 'Wrong API key' },
    });
  });

  it('finds a file by any of its hashes, a URL by its base64url id, and says NotFoundError otherwise', async () => {
    expect(data((await get(`/files/${EICAR.md5}`)).json).id).toBe(EICAR.sha256);
    const url = Buffer.from('https://www.example.com/').toString('base64url');
    expect(data((await get(`/urls/${url}`)).json).attributes['title']).toBe('Example Domain');
    const missing = await get('/domains/unknown.example');
    expect(missing.status).toBe(404);
    expect((missing.json['error'] as Json)['code']).toBe('NotFoundError');
  });

  it('enforces its per-minute quota and injected 429s with Retry-After', async () => {
    fake.exceedQuota(1, 42);
    const limited = await get('/ip_addresses/8.8.8.8');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('42');
    for (let i = 0; i < 3; i++) expect((await get('/ip_addresses/8.8.8.8')).status).toBe(200);
    expect((await get('/ip_addresses/8.8.8.8')).json).toEqual({
      error: { code: 'QuotaExceededError', message: 'Quota exceeded' },
    });
    expect(fake.lookupCount()).toBe(3);
  });
});
