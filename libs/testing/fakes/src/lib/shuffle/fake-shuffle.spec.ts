import { FakeShuffle } from './fake-shuffle';
import { SHUFFLE_WORKFLOW_IDS } from './shuffle-seed';

type Json = Record<string, unknown>;
const KEY = 'b5d8f7a2-3c4e-4f1a-9b6d-2e8c0a1f3d57';

describe('FakeShuffle (plain HTTP, driven with fetch)', () => {
  let fake: FakeShuffle;
  const call = async (method: string, path: string, body?: unknown, key: string | null = KEY) => {
    const response = await fetch(`${fake.url}${path}`, {
      method,
      headers: key === null ? {} : { authorization: `Bearer ${key}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as Json & Json[] };
  };

  beforeEach(async () => {
    fake = await FakeShuffle.start({ pollsUntilDone: 2 });
  });

  afterEach(() => fake.stop());

  it('answers 401 {"success": false} to a missing or wrong key, and to an unknown workflow', async () => {
    expect(await call('GET', '/api/v1/workflows', undefined, null)).toEqual({ status: 401, json: { success: false } });
    expect((await call('GET', '/api/v1/apps/authentication', undefined, 'nope')).status).toBe(401);
    const unknown = await call('GET', '/api/v1/workflows/00000000-0000-4000-8000-000000000000/executions');
    expect(unknown).toEqual({ status: 401, json: { success: false } });
    expect((await call('GET', '/api/v1/workflows/short/executions')).json['reason']).toMatch(/not valid/);
  });

  it('executes a workflow and reports EXECUTING, then its outcome, through streams/results', async () => {
    const started = await call('POST', `/api/v1/workflows/${SHUFFLE_WORKFLOW_IDS.notify}/execute`, {
      execution_argument: 'hello',
      start: '',
    });
    expect(started.json).toMatchObject({ success: true });
    const execution_id = String(started.json['execution_id']);
    const authorization = String(started.json['authorization']);
    const poll = () => call('POST', '/api/v1/streams/results', { execution_id, authorization }, null);
    expect((await poll()).json).toMatchObject({ status: 'EXECUTING', results: [] });
    const done = (await poll()).json;
    expect(done).toMatchObject({
      status: 'FINISHED',
      execution_argument: 'hello',
      workflow_id: SHUFFLE_WORKFLOW_IDS.notify,
    });
    expect((done['results'] as Json[]).map((r) => r['status'])).toEqual(['SUCCESS', 'SUCCESS']);
    expect((await call('POST', '/api/v1/streams/results', { execution_id, authorization: 'x' }, null)).status).toBe(
      401,
    );
    const executions = await call('GET', `/api/v1/workflows/${SHUFFLE_WORKFLOW_IDS.notify}/executions`);
    expect(executions.json.map((e) => e['execution_id'])).toEqual([execution_id]);
  });

  it('lists workflows without the fake-only outcome field', async () => {
    const list = (await call('GET', '/api/v1/workflows')).json;
    expect(list).toHaveLength(3);
    expect(list[0]).not.toHaveProperty('outcome');
  });
});
