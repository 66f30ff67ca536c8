import type { FakeResponse, RecordedRequest } from '../http/fake-http-server';
import type { FakePortainerEndpoint, FakePortainerStack } from './portainer-seed';

/**
 * Stack routes of the fake Portainer, after the handlers in Portainer's api/http/handler/stacks (API 2.23.0):
 * stack_list.go, stack_inspect.go, create_compose_stack.go (`POST /stacks/create/standalone/string`),
 * stack_start.go, stack_stop.go and stack_delete.go, including their error messages and statuses.
 */
export interface StackState {
  endpoints: Map<number, FakePortainerEndpoint>;
  stacks: Map<number, FakePortainerStack>;
  nextStackId: number;
  username: string;
}

/** Portainer's error body (pkg/libhttp/error): `{message, details}` with the first letter of details upper-cased. */
export const portainerError = (status: number, message: string, details = message): FakeResponse => ({
  status,
  body: { message, details },
});

const wire = (stack: FakePortainerStack): Record<string, unknown> => {
  const { StackFileContent: _content, ...fields } = stack;
  return { ...fields, ResourceControl: null, AdditionalFiles: null, AutoUpdate: null, Option: null, GitConfig: null };
};

function numericParam(raw: string | undefined): number | null {
  if (raw === undefined || !/^\d+$/.test(raw)) return null;
  return Number(raw);
}

function endpointOf(state: StackState, req: RecordedRequest): FakePortainerEndpoint | FakeResponse {
  const id = numericParam(req.query['endpointId']);
  if (id === null) return portainerError(400, 'Invalid query parameter: endpointId', 'Invalid query parameter');
  const endpoint = state.endpoints.get(id);
  if (!endpoint) {
    return portainerError(
      404,
      'Unable to find an environment with the specified identifier inside the database',
      'Object not found inside the database',
    );
  }
  return endpoint;
}

const isResponse = (value: unknown): value is FakeResponse =>
  typeof value === 'object' && value !== null && 'status' in value && !('Id' in value);

/** `GET /api/stacks?filters={"EndpointID":1}`: filters is a JSON map, as stack_list.go documents. */
function list(state: StackState, req: RecordedRequest): FakeResponse {
  let filters: Record<string, unknown> = {};
  if (req.query['filters']) {
    try {
      filters = JSON.parse(req.query['filters']) as Record<string, unknown>;
    } catch {
      return portainerError(400, 'Invalid query parameter: filters', 'Invalid query parameter');
    }
  }
  const endpointId = filters['EndpointID'] ?? filters['EndpointId'];
  const stacks = [...state.stacks.values()].filter(
    (stack) => endpointId === undefined || stack.EndpointId === Number(endpointId),
  );
  return { status: 200, body: stacks.map(wire) };
}

/** Portainer lower-cases the name and keeps [a-z0-9_-] (ComposeStackManager.NormalizeStackName). */
const normalize = (name: string) => name.toLowerCase().replace(/[^a-z0-9_-]+/g, '');

function create(state: StackState, req: RecordedRequest): FakeResponse {
  const endpoint = endpointOf(state, req);
  if (isResponse(endpoint)) return endpoint;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(req.body) as Record<string, unknown>;
  } catch {
    return portainerError(400, 'Invalid request payload', 'Invalid JSON payload');
  }
  // Go's JSON decoder matches field names case-insensitively, so `name` and `Name` both fill Name.
  const field = (key: string) => body[key] ?? body[key.charAt(0).toUpperCase() + key.slice(1)];
  const name = field('name');
  const content = field('stackFileContent');
  if (typeof name !== 'string' || name === '')
    return portainerError(400, 'Invalid request payload', 'Invalid stack name');
  if (typeof content !== 'string' || content === '') {
    return portainerError(400, 'Invalid request payload', 'Invalid stack file content');
  }
  const normalized = normalize(name);
  if ([...state.stacks.values()].some((s) => s.Name === normalized && s.EndpointId === endpoint.Id)) {
    return portainerError(409, `A stack with the normalized name '${normalized}' already exists`);
  }
  const env = Array.isArray(field('env')) ? (field('env') as { name: string; value: string }[]) : [];
  const stack: FakePortainerStack = {
    Id: state.nextStackId++,
    Name: normalized,
    Type: 2,
    EndpointId: endpoint.Id,
    SwarmId: '',
    EntryPoint: 'docker-compose.yml',
    Env: env.map((pair) => ({ name: String(pair.name), value: String(pair.value) })),
    Status: 1,
    ProjectPath: '',
    CreationDate: Math.floor(Date.now() / 1000),
    CreatedBy: state.username,
    UpdateDate: 0,
    UpdatedBy: '',
    StackFileContent: content,
  };
  stack.ProjectPath = `/data/compose/${stack.Id}`;
  state.stacks.set(stack.Id, stack);
  return { status: 200, body: wire(stack) };
}

function findStack(state: StackState, rawId: string): FakePortainerStack | FakeResponse {
  const id = numericParam(rawId);
  if (id === null) return portainerError(400, 'Invalid stack identifier route variable', 'Invalid route variable');
  const stack = state.stacks.get(id);
  if (!stack) {
    return portainerError(
      404,
      'Unable to find a stack with the specified identifier inside the database',
      'Object not found inside the database',
    );
  }
  return stack;
}

function startStop(state: StackState, req: RecordedRequest, rawId: string, action: 'start' | 'stop'): FakeResponse {
  const stack = findStack(state, rawId);
  if (isResponse(stack)) return stack;
  const endpoint = endpointOf(state, req);
  if (isResponse(endpoint)) return endpoint;
  const target = action === 'start' ? 1 : 2;
  if (stack.Status === target) {
    const message = action === 'start' ? 'Stack is already active' : 'Stack is already inactive';
    return portainerError(400, message);
  }
  stack.Status = target;
  stack.UpdateDate = Math.floor(Date.now() / 1000);
  stack.UpdatedBy = state.username;
  return { status: 200, body: wire(stack) };
}

function remove(state: StackState, req: RecordedRequest, rawId: string): FakeResponse {
  const stack = findStack(state, rawId);
  if (isResponse(stack)) return stack;
  const endpoint = endpointOf(state, req);
  if (isResponse(endpoint)) return endpoint;
  state.stacks.delete(stack.Id);
  // stack_delete.go: `@success 204`, response.Empty.
  return { status: 204 };
}

/** Answers a `/api/stacks...` request, or undefined when the path is not a stack route. */
export function stackRoute(state: StackState, req: RecordedRequest): FakeResponse | undefined {
  const { method, path } = req;
  if (path === '/api/stacks' && method === 'GET') return list(state, req);
  if (path === '/api/stacks/create/standalone/string' && method === 'POST') return create(state, req);
  const match = /^\/api\/stacks\/([^/]+)(?:\/(start|stop|file))?$/.exec(path);
  if (!match) return undefined;
  const [, id, action] = match;
  if (!action && method === 'GET') {
    const stack = findStack(state, id);
    return isResponse(stack) ? stack : { status: 200, body: wire(stack) };
  }
  if (!action && method === 'DELETE') return remove(state, req, id);
  if ((action === 'start' || action === 'stop') && method === 'POST') return startStop(state, req, id, action);
  if (action === 'file' && method === 'GET') {
    const stack = findStack(state, id);
    return isResponse(stack) ? stack : { status: 200, body: { StackFileContent: stack.StackFileContent } };
  }
  return undefined;
}
