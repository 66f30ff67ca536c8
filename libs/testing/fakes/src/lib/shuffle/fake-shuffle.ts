import { randomUUID, timingSafeEqual } from 'node:crypto';
import {
  FakeHttpServer,
  type FakeResponse,
  type FakeServerOptions,
  type RecordedRequest,
} from '../http/fake-http-server';
import { seedShuffleAppAuth, seedShuffleWorkflows, type FakeShuffleWorkflow } from './shuffle-seed';

export interface FakeShuffleOptions extends FakeServerOptions {
  /** The API key accepted as `Authorization: Bearer <key>`. Shuffle keys are UUIDs. */
  apiKey?: string;
  /** Result polls an execution answers EXECUTING before it reaches its workflow's outcome. Default 2. */
  pollsUntilDone?: number;
  /**
   * Shape of `GET /api/v1/workflows/{id}/executions`: `array` as the on-prem handler answers (docs/API.md
   * "List workflow executions (old)"), or `paged` `{success, executions, cursor}` (docs/API.md "List workflow
   * executions"). Default `array`.
   */
  executionsFormat?: 'array' | 'paged';
}

interface FakeExecution {
  execution_id: string;
  workflow_id: string;
  authorization: string;
  execution_argument: string;
  start: string;
  started_at: number;
  completed_at: number;
  status: string;
  result: string;
  polls: number;
}

const FAILED = { success: false };

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function parseBody(req: RecordedRequest): Record<string, unknown> | null {
  if (req.body.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(req.body);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * A fake Shuffle backend speaking the REST API under `/api/v1` as documented in Shuffle's docs/API.md
 * (github.com/Shuffle/Shuffle-docs, revision 039d73b): Bearer API keys, `{"success": false}` with 401 for a bad key
 * AND for a workflow that does not exist or is not shared with the key (the handlers in shuffle-shared answer both
 * the same way), workflow execution returning `execution_id` + `authorization`, and result polling through
 * `POST /api/v1/streams/results`.
 */
export class FakeShuffle extends FakeHttpServer {
  readonly workflows = new Map<string, FakeShuffleWorkflow>();
  private readonly executions = new Map<string, FakeExecution>();
  private apiKey: string;
  private readonly pollsUntilDone: number;
  private readonly executionsFormat: 'array' | 'paged';

  constructor(options: FakeShuffleOptions = {}) {
    super(options);
    this.apiKey = options.apiKey ?? 'b5d8f7a2-3c4e-4f1a-9b6d-2e8c0a1f3d57';
    this.pollsUntilDone = options.pollsUntilDone ?? 2;
    this.executionsFormat = options.executionsFormat ?? 'array';
    for (const workflow of seedShuffleWorkflows()) this.workflows.set(workflow.id, workflow);
  }

  static async start(options: FakeShuffleOptions = {}): Promise<FakeShuffle> {
    return new FakeShuffle(options).start();
  }

  /** Rotates the accepted key: clients still holding the old one get 401 from now on ("401 mid-session"). */
  setApiKey(apiKey: string): void {
    this.apiKey = apiKey;
  }

  /** Executions started so far (newest last), as the fake stores them. */
  executionIds(): string[] {
    return [...this.executions.keys()];
  }

  protected override unauthorized(): FakeResponse {
    // docs/API.md "Authentication failure": status 401, body {"success": false}.
    return { status: 401, body: FAILED };
  }

  protected handle(req: RecordedRequest): FakeResponse {
    // Result polling authenticates with the execution's own authorization key in the body, not the API key.
    if (req.method === 'POST' && req.path === '/api/v1/streams/results') return this.results(req);
    if (!this.authorized(req)) return this.unauthorized();
    if (req.method === 'GET' && req.path === '/api/v1/apps/authentication') {
      // docs/API.md "List App Authentication": {"success": true, "data": [...]}.
      return { status: 200, body: { success: true, data: seedShuffleAppAuth() } };
    }
    if (req.method === 'GET' && req.path === '/api/v1/workflows') {
      // docs/API.md "List all workflows": an array of Workflow objects.
      return { status: 200, body: [...this.workflows.values()].map(wire) };
    }
    const match = /^\/api\/v1\/workflows\/([^/]+)(?:\/(execute|executions))?$/.exec(req.path);
    if (!match) return { status: 404, headers: { 'content-type': 'text/plain' }, body: '404 page not found' };
    const [, id, action] = match;
    if (id.length !== 36) {
      return {
        status: 401,
        body: { success: false, reason: 'Workflow ID when getting workflow executions is not valid' },
      };
    }
    const workflow = this.workflows.get(id);
    if (!workflow) return { status: 401, body: FAILED };
    if (!action && req.method === 'GET') return { status: 200, body: wire(workflow) };
    if (action === 'execute' && (req.method === 'POST' || req.method === 'GET')) return this.execute(workflow, req);
    if (action === 'executions' && req.method === 'GET') return this.listExecutions(workflow, req);
    return { status: 405, body: { success: false, reason: 'Method not allowed' } };
  }

  private authorized(req: RecordedRequest): boolean {
    const header = req.headers['authorization'];
    const match = typeof header === 'string' ? /^Bearer\s+(.+)$/i.exec(header) : null;
    return !!match && sameSecret(match[1].trim(), this.apiKey);
  }

  /** docs/API.md "Execute workflow": {"success": true, "execution_id": "...", "authorization": "..."}. */
  private execute(workflow: FakeShuffleWorkflow, req: RecordedRequest): FakeResponse {
    const body = parseBody(req);
    if (body === null) return { status: 400, body: { success: false, reason: 'Failed to parse the execution body' } };
    const argument = body['execution_argument'];
    const execution: FakeExecution = {
      execution_id: randomUUID(),
      workflow_id: workflow.id,
      authorization: randomUUID(),
      execution_argument:
        typeof argument === 'string' ? argument : argument === undefined ? '' : JSON.stringify(argument),
      start: typeof body['start'] === 'string' && body['start'] !== '' ? body['start'] : workflow.start,
      started_at: Math.floor(Date.now() / 1000),
      completed_at: 0,
      status: 'EXECUTING',
      result: '',
      polls: 0,
    };
    this.executions.set(execution.execution_id, execution);
    return {
      status: 200,
      body: { success: true, execution_id: execution.execution_id, authorization: execution.authorization },
    };
  }

  private listExecutions(workflow: FakeShuffleWorkflow, req: RecordedRequest): FakeResponse {
    const top = Math.min(Number(req.query['top'] ?? 100) || 100, 1000);
    const mine = [...this.executions.values()]
      .filter((e) => e.workflow_id === workflow.id)
      .sort((a, b) => b.started_at - a.started_at)
      .slice(0, top)
      .map((e) => this.executionWire(e, workflow));
    if (this.executionsFormat === 'paged')
      return { status: 200, body: { success: true, executions: mine, cursor: '' } };
    return { status: 200, body: mine };
  }

  private results(req: RecordedRequest): FakeResponse {
    const body = parseBody(req);
    const id = body?.['execution_id'];
    const authorization = body?.['authorization'];
    const execution = typeof id === 'string' ? this.executions.get(id) : undefined;
    if (!execution || typeof authorization !== 'string' || !sameSecret(authorization, execution.authorization)) {
      return { status: 401, body: FAILED };
    }
    const workflow = this.workflows.get(execution.workflow_id);
    if (!workflow) return { status: 401, body: FAILED };
    execution.polls += 1;
    if (execution.status === 'EXECUTING' && workflow.outcome !== 'never' && execution.polls >= this.pollsUntilDone) {
      execution.status = workflow.outcome;
      execution.completed_at = execution.started_at + 2;
      execution.result = workflow.outcome === 'FINISHED' ? JSON.stringify({ delivered: true }) : 'An action failed';
    }
    return { status: 200, body: this.executionWire(execution, workflow) };
  }

  /**
   * WorkflowExecution as docs/API.md "Get execution results" shows it (type, status, execution_argument,
   * execution_id, workflow_id, authorization, result, started_at, completed_at, workflow, results[]); each result
   * is an ActionResult {action, execution_id, result, started_at, completed_at, status}.
   */
  private executionWire(execution: FakeExecution, workflow: FakeShuffleWorkflow): Record<string, unknown> {
    const done = execution.status !== 'EXECUTING';
    const failed = execution.status !== 'FINISHED';
    const results = done
      ? workflow.actions.map((action, index) => ({
          action,
          execution_id: execution.execution_id,
          authorization: execution.authorization,
          result:
            failed && index === workflow.actions.length - 1
              ? JSON.stringify({ success: false, reason: 'Upstream API answered 500' })
              : JSON.stringify({ success: true, input: execution.execution_argument }),
          started_at: execution.started_at,
          completed_at: execution.completed_at,
          status: failed && index === workflow.actions.length - 1 ? 'FAILURE' : 'SUCCESS',
        }))
      : [];
    const { polls: _polls, ...fields } = execution;
    return { type: 'workflow', ...fields, last_node: '', project_id: 'shuffle', workflow: wire(workflow), results };
  }
}

/** A workflow as sent on the wire (without the fake's own `outcome`). */
function wire(workflow: FakeShuffleWorkflow): Record<string, unknown> {
  const { outcome: _outcome, ...fields } = workflow;
  return { ...fields, branches: [], workflow_variables: null, sharing: 'private' };
}
