import { randomBytes, timingSafeEqual } from 'node:crypto';
import {
  FakeHttpServer,
  type FakeResponse,
  type FakeServerOptions,
  type RecordedRequest,
} from '../http/fake-http-server';
import { adminRoutes } from './admin-routes';
import { documentRoutes } from './document-routes';
import { IndexStore, type CreateIndexOptions, type Source } from './index-store';
import { matchRoute, type OsContext, type Route } from './os-context';
import { OpenSearchError } from './os-errors';
import { PitRegistry } from './pit-registry';
import { searchRoutes } from './search-routes';

export interface FakeOpenSearchOptions extends FakeServerOptions {
  username?: string;
  password?: string;
  /** `version.number` reported by `GET /`; any string, to test clients against odd ones. Default 2.19.1. */
  version?: string;
  clusterName?: string;
  nodeName?: string;
}

export interface SeedDoc {
  id?: string;
  source: Source;
}

const ROUTES: Route[] = [...searchRoutes, ...documentRoutes, ...adminRoutes];

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * A fake OpenSearch 2.x node (what the Wazuh indexer is), speaking the REST API as documented in the OpenSearch
 * 2.x API reference (docs.opensearch.org, api-reference/* and search-plugins/searching-data/point-in-time-api);
 * each route module cites the page its response shapes follow. Security-plugin style Basic auth: a missing or
 * wrong credential answers 401 `Unauthorized` with a Basic challenge.
 */
export class FakeOpenSearch extends FakeHttpServer {
  private readonly context: OsContext;
  private username: string;
  private password: string;

  constructor(options: FakeOpenSearchOptions = {}) {
    super(options);
    this.username = options.username ?? 'admin';
    this.password = options.password ?? 'admin';
    this.context = {
      store: new IndexStore(),
      pits: new PitRegistry(),
      cluster: {
        name: options.clusterName ?? 'wazuh-cluster',
        uuid: randomBytes(16).toString('base64url').slice(0, 22),
        nodeName: options.nodeName ?? 'node-1',
        version: options.version ?? '2.19.1',
      },
    };
  }

  /** Creates and starts a fake; `await fake.stop()` when done. */
  static async start(options: FakeOpenSearchOptions = {}): Promise<FakeOpenSearch> {
    return new FakeOpenSearch(options).start();
  }

  get credentials(): { username: string; password: string } {
    return { username: this.username, password: this.password };
  }

  /** Changes the accepted credentials: clients still using the old ones get 401 from now on ("401 mid-session"). */
  setCredentials(username: string, password: string): void {
    this.username = username;
    this.password = password;
  }

  setVersion(version: string): void {
    this.context.cluster.version = version;
  }

  createIndex(name: string, options: CreateIndexOptions = {}): void {
    this.context.store.createIndex(name, options);
  }

  /** Indexes documents directly (no HTTP, no auth); returns their ids. */
  seed(index: string, docs: SeedDoc[]): string[] {
    const state = this.context.store.ensureIndex(index);
    return docs.map((doc) => this.context.store.put(state, doc.id, doc.source).doc.id);
  }

  getDocument(index: string, id: string): Source | undefined {
    return this.context.store.get(index)?.docs.get(id)?.source;
  }

  /** Sets flat or nested settings, e.g. `{ 'index.blocks.write': true }`. */
  setIndexSettings(index: string, settings: Record<string, unknown>): void {
    const state = this.context.store.single(index);
    for (const [key, value] of Object.entries(settings)) {
      const full = key.startsWith('index.') ? key : `index.${key}`;
      if (value === null) state.settings.delete(full);
      else state.settings.set(full, String(value));
    }
  }

  addAlias(index: string, alias: string): void {
    this.context.store.single(index).aliases.add(alias);
  }

  indexNames(): string[] {
    return this.context.store.all().map((index) => index.name);
  }

  /** Number of documents across the indices matching `pattern` (default all). */
  documentCount(pattern = '_all'): number {
    return this.context.store.resolve(pattern).reduce((sum, index) => sum + index.docs.size, 0);
  }

  /** Ids of the point-in-time contexts still open (not closed and not expired). */
  openPitIds(): string[] {
    return this.context.pits.list().map((pit) => pit.id);
  }

  /** How the OpenSearch 2.x Security plugin answers a failed Basic login: 401, a Basic challenge, a plain-text body. */
  protected override unauthorized(): FakeResponse {
    return {
      status: 401,
      headers: { 'www-authenticate': 'Basic realm="OpenSearch Security"', 'content-type': 'text/plain; charset=UTF-8' },
      body: 'Unauthorized',
    };
  }

  protected handle(req: RecordedRequest): FakeResponse {
    if (!this.authorized(req)) return this.unauthorized();
    const found = matchRoute(ROUTES, req.method, req.path);
    if (!found) {
      // What OpenSearch's REST controller answers for an unknown endpoint or method.
      return { status: 400, body: { error: `no handler found for uri [${req.path}] and method [${req.method}]` } };
    }
    try {
      return found.route.handler(this.context, req, found.params);
    } catch (err) {
      if (err instanceof OpenSearchError) return err.toResponse();
      throw err;
    }
  }

  private authorized(req: RecordedRequest): boolean {
    const header = req.headers['authorization'];
    const match = typeof header === 'string' ? /^Basic\s+(.+)$/i.exec(header) : null;
    if (!match) return false;
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return false;
    return sameSecret(decoded.slice(0, colon), this.username) && sameSecret(decoded.slice(colon + 1), this.password);
  }
}
