import { Logger } from '@nestjs/common';
import {
  BadInputError,
  CircuitBreakerRegistry,
  NotFoundError,
  OutboundHttpFactory,
  UpstreamAuthError,
  UpstreamHttpError,
} from '@copilot/api-core';
import { captureNestLogs } from '@copilot/testing-fakes';
// The fake is imported from its folder until the fakes' index exports it.
import { FakeShuffle, SHUFFLE_WORKFLOW_IDS } from '@copilot/testing-fakes';
import { pollDelays, ShuffleClient } from './shuffle.client';

const KEY = '3e9a7b1c-5d2f-4a8e-b6c0-1f7d9e3a5b2c';
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('ShuffleClient against FakeShuffle over HTTPS', () => {
  let fake: FakeShuffle;
  let client: ShuffleClient;
  const build = (apiKey = KEY, url = fake.url) =>
    new ShuffleClient(
      { url, apiKey, caPem: fake.caPem, timeoutMs: 2_000 },
      new OutboundHttpFactory({ breakers: new CircuitBreakerRegistry() }),
    );
  const paths = () => fake.requests.map((r) => `${r.method} ${r.path}`);

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    fake = await FakeShuffle.start({ tls: true, apiKey: KEY, pollsUntilDone: 2 });
    client = build();
  });

  beforeEach(() => fake.clearRequests());
  afterEach(() => fake.setApiKey(KEY));

  afterAll(async () => {
    await client.close();
    await fake.stop();
  });

  it('lists workflows', async () => {
    const workflows = await client.workflows();
    expect(workflows.map((w) => w.name)).toEqual([
      'CoPilot - Alert notification',
      'Enrich IoC with VirusTotal',
      'Isolate host via Velociraptor',
    ]);
    expect(workflows[0]).toMatchObject({
      id: SHUFFLE_WORKFLOW_IDS.notify,
      isValid: true,
      actionCount: 2,
      triggerCount: 1,
      tags: ['copilot', 'notification'],
      editedAt: '2024-04-25T00:06:40.000Z',
    });
  });

  it('executes a workflow with a JSON argument and waits for its final result', async () => {
    const handle = await client.execute(SHUFFLE_WORKFLOW_IDS.notify, { argument: { alert_id: 42, severity: 'High' } });
    expect(handle.workflowId).toBe(SHUFFLE_WORKFLOW_IDS.notify);
    expect(JSON.parse(fake.requests[0].body)).toEqual({
      execution_argument: '{"alert_id":42,"severity":"High"}',
      start: '',
    });

    const outcome = await client.waitForResult(handle, { initialDelayMs: 20, maxDelayMs: 50, deadlineMs: 2_000 });
    expect(outcome).toMatchObject({ done: true, polls: 2 });
    expect(outcome.execution).toMatchObject({
      executionId: handle.executionId,
      workflowId: SHUFFLE_WORKFLOW_IDS.notify,
      status: 'FINISHED',
      finished: true,
      executionArgument: '{"alert_id":42,"severity":"High"}',
      result: '{"delivered":true}',
    });
    expect(outcome.execution.results.map((r) => [r.label, r.appName, r.status])).toEqual([
      ['parse_alert', 'Shuffle Tools', 'SUCCESS'],
      ['send_email', 'Email', 'SUCCESS'],
    ]);
    // The result poll authenticates with the execution's key in the body, as Shuffle documents.
    const poll = fake.requests.find((r) => r.path === '/api/v1/streams/results');
    expect(JSON.parse(poll?.body ?? '{}')).toEqual({
      execution_id: handle.executionId,
      authorization: handle.authorization,
    });
  });

  it('reports a failed execution as final, with the failing action', async () => {
    const handle = await client.execute(SHUFFLE_WORKFLOW_IDS.enrich, { argument: 'plain text' });
    const outcome = await client.waitForResult(handle, { initialDelayMs: 10, deadlineMs: 2_000 });
    expect(outcome.execution.status).toBe('FAILURE');
    expect(outcome.execution.results.at(-1)).toMatchObject({ label: 'vt_lookup', status: 'FAILURE' });
  });

  it('backs off exponentially between polls, up to the cap', () => {
    const delays = pollDelays(40, 120);
    expect(Array.from({ length: 6 }, () => delays.next().value)).toEqual([40, 80, 120, 120, 120, 120]);
    expect(pollDelays(5_000, 1_000).next().value).toBe(1_000);
  });

  it('stops polling at the deadline, returning the last known state', async () => {
    const handle = await client.execute(SHUFFLE_WORKFLOW_IDS.isolate);
    const started = Date.now();
    const outcome = await client.waitForResult(handle, { initialDelayMs: 40, maxDelayMs: 120, deadlineMs: 700 });
    const waited = Date.now() - started;
    expect(outcome.done).toBe(false);
    expect(outcome.execution.status).toBe('EXECUTING');
    expect(waited).toBeGreaterThanOrEqual(650);
    // Bounded: the deadline plus at most one short final poll, never the original's minutes.
    expect(waited).toBeLessThan(700 + 1_500);
    expect(fake.requests.filter((r) => r.path === '/api/v1/streams/results')).toHaveLength(outcome.polls);
    expect(outcome.polls).toBeGreaterThanOrEqual(3);
  });

  it('stops polling when the caller aborts', async () => {
    const handle = await client.execute(SHUFFLE_WORKFLOW_IDS.isolate);
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 100);
    const started = Date.now();
    const outcome = await client.waitForResult(handle, {
      initialDelayMs: 10_000,
      deadlineMs: 30_000,
      signal: abort.signal,
    });
    expect(outcome.done).toBe(false);
    // Long before the first poll would be due; the bound is wide because this machine may be busy.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('lists executions newest first, in both shapes Shuffle answers', async () => {
    await client.execute(SHUFFLE_WORKFLOW_IDS.notify, { argument: 'second' });
    const page = await client.executions(SHUFFLE_WORKFLOW_IDS.notify, { top: 50 });
    expect(page.cursor).toBeNull();
    expect(page.executions.length).toBeGreaterThanOrEqual(2);
    expect(page.executions.every((e) => e.workflowId === SHUFFLE_WORKFLOW_IDS.notify)).toBe(true);
    expect(fake.requests.at(-1)?.query).toEqual({ top: '50' });

    const paged = await FakeShuffle.start({ apiKey: KEY, executionsFormat: 'paged' });
    const other = build(KEY, paged.url);
    try {
      await other.execute(SHUFFLE_WORKFLOW_IDS.enrich);
      const result = await other.executions(SHUFFLE_WORKFLOW_IDS.enrich);
      expect(result.executions).toHaveLength(1);
      expect(result.executions[0]).toMatchObject({ status: 'EXECUTING', finished: false });
    } finally {
      await other.close();
      await paged.stop();
    }
  });

  it('answers 404 for a workflow Shuffle does not know, telling it apart from a wrong key', async () => {
    const call = client.execute(UNKNOWN);
    await expect(call).rejects.toBeInstanceOf(NotFoundError);
    await expect(call).rejects.toThrow(`Shuffle: workflow ${UNKNOWN} does not exist or is not shared`);
    await expect(client.executions(UNKNOWN)).rejects.toBeInstanceOf(NotFoundError);

    const wrongKey = build('wrong-key');
    try {
      const denied = wrongKey.executions(SHUFFLE_WORKFLOW_IDS.notify);
      await expect(denied).rejects.toBeInstanceOf(UpstreamAuthError);
      await expect(denied).rejects.toThrow('Shuffle: wrong credentials (HTTP 401 from GET /api/v1/workflows/');
    } finally {
      await wrongKey.close();
    }
  });

  it('answers 404 for a result asked with a wrong execution key', async () => {
    const handle = await client.execute(SHUFFLE_WORKFLOW_IDS.notify);
    await expect(client.executionResult({ ...handle, authorization: 'nope' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses ids that are not UUIDs before any request', async () => {
    await expect(client.execute('../apps/authentication')).rejects.toBeInstanceOf(BadInputError);
    await expect(client.executions('1234')).rejects.toThrow('workflowId must be a Shuffle id (a UUID)');
    expect(fake.requests).toHaveLength(0);
  });

  it('never retries an execution (it would run the workflow twice)', async () => {
    fake.failNext(1, 502);
    await expect(client.execute(SHUFFLE_WORKFLOW_IDS.notify)).rejects.toBeInstanceOf(UpstreamHttpError);
    expect(paths()).toEqual([`POST /api/v1/workflows/${SHUFFLE_WORKFLOW_IDS.notify}/execute`]);
  });

  it('fails with wrong credentials once the key is rotated mid-session', async () => {
    await client.workflows();
    fake.setApiKey('c0ffee00-0000-4000-8000-000000000001');
    await expect(client.workflows()).rejects.toThrow(
      'Shuffle: wrong credentials (HTTP 401 from GET /api/v1/workflows)',
    );
  });

  it('keeps the API key and the execution key out of debug logs', async () => {
    const logs = captureNestLogs();
    try {
      const handle = await client.execute(SHUFFLE_WORKFLOW_IDS.notify, { argument: 'x' });
      await client.waitForResult(handle, { initialDelayMs: 10, deadlineMs: 2_000 });
      expect(logs.entries.some((e) => e.level === 'debug' && e.message.includes('/api/v1/streams/results'))).toBe(true);
      expect(logs.text()).not.toContain(KEY);
      expect(logs.text()).not.toContain(handle.authorization);
    } finally {
      logs.restore();
    }
  });
});
