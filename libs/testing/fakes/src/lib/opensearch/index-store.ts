import { randomBytes, randomUUID } from 'node:crypto';
import { badRequest, indexNotFound, OpenSearchError, writeBlocked } from './os-errors';

export type Source = Record<string, unknown>;

/** A stored document version. Never mutated: an update stores a new object, so PIT snapshots stay frozen. */
export interface StoredDoc {
  readonly id: string;
  readonly source: Source;
  /** Insertion order across the cluster (what `_doc` sorts by); kept across updates. */
  readonly seq: number;
  readonly version: number;
  readonly seqNo: number;
}

export interface IndexState {
  readonly name: string;
  /** Flat settings as OpenSearch stores them: `index.number_of_replicas` -> "0". */
  readonly settings: Map<string, string>;
  readonly aliases: Set<string>;
  readonly docs: Map<string, StoredDoc>;
  nextSeqNo: number;
}

export interface CreateIndexOptions {
  settings?: Record<string, unknown>;
  aliases?: string[];
}

/** Index names follow OpenSearch's rules (create-index reference, 2.x): lowercase, no reserved characters. */
function assertValidName(name: string): void {
  if (
    !name ||
    name !== name.toLowerCase() ||
    /[\\/*?"<>| ,#:]/.test(name) ||
    /^[-_+]/.test(name) ||
    name === '.' ||
    name === '..'
  ) {
    throw badRequest(`Invalid index name [${name}]`, 'invalid_index_name_exception');
  }
}

/** Flattens `{index: {blocks: {write: true}}}` and friends into `index.blocks.write` -> "true". */
export function flattenSettings(input: Record<string, unknown>, prefix = ''): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const [key, value] of Object.entries(input)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of flattenSettings(value as Record<string, unknown>, path)) out.set(k, v);
    } else {
      const full = path.startsWith('index.') ? path : `index.${path}`;
      out.set(full, value === null ? null : Array.isArray(value) ? value.join(',') : String(value));
    }
  }
  return out;
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(
    `^${glob
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
}

/** The indices of the fake cluster, with OpenSearch's rules for names, patterns, aliases and write blocks. */
export class IndexStore {
  private readonly indices = new Map<string, IndexState>();
  private seq = 0;

  createIndex(name: string, options: CreateIndexOptions = {}): IndexState {
    assertValidName(name);
    if (this.indices.has(name)) {
      throw badRequest(`index [${name}/${name}] already exists`, 'resource_already_exists_exception');
    }
    const settings = new Map<string, string>([
      ['index.number_of_shards', '1'],
      // One node, so replicas stay unassigned: 0 keeps the fake green, like a single-node Wazuh indexer.
      ['index.number_of_replicas', '0'],
      ['index.uuid', randomUUID().replace(/-/g, '').slice(0, 22)],
      ['index.creation_date', String(Date.now())],
      ['index.provided_name', name],
    ]);
    for (const [key, value] of flattenSettings(options.settings ?? {})) if (value !== null) settings.set(key, value);
    const state: IndexState = {
      name,
      settings,
      aliases: new Set(options.aliases ?? []),
      docs: new Map(),
      nextSeqNo: 0,
    };
    this.indices.set(name, state);
    return state;
  }

  /** Writes auto-create their index, as OpenSearch does with the default `action.auto_create_index`. */
  ensureIndex(name: string): IndexState {
    const alias = this.aliasTargets(name);
    if (alias.length === 1) return alias[0];
    if (alias.length > 1) {
      throw badRequest(`no write index is defined for alias [${name}]; the alias points to multiple indices`);
    }
    return this.indices.get(name) ?? this.createIndex(name);
  }

  get(name: string): IndexState | undefined {
    return this.indices.get(name);
  }

  all(): IndexState[] {
    return [...this.indices.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The single concrete index behind a name or alias, or a 404 (document reads and updates). */
  single(name: string): IndexState {
    const direct = this.indices.get(name);
    if (direct) return direct;
    const targets = this.aliasTargets(name);
    if (targets.length === 1) return targets[0];
    if (targets.length > 1) throw badRequest(`alias [${name}] has more than one index associated with it`);
    throw indexNotFound(name);
  }

  /**
   * Resolves an index expression like OpenSearch: comma lists, `*` wildcards (hidden `.` indices only for a
   * pattern starting with `.`), aliases, `-exclusions` after a wildcard, `_all`. A missing concrete name is a 404;
   * a wildcard matching nothing is simply empty.
   */
  resolve(expression: string): IndexState[] {
    const parts = expression
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
    const visible = () => this.all().filter((index) => !index.name.startsWith('.'));
    if (parts.length === 0 || parts.includes('_all')) return visible();
    const picked = new Map<string, IndexState>();
    for (const part of parts) {
      if (part.startsWith('-') && picked.size > 0) {
        const re = globToRegExp(part.slice(1));
        for (const name of [...picked.keys()]) if (re.test(name)) picked.delete(name);
      } else if (part.includes('*')) {
        const re = globToRegExp(part);
        for (const index of this.all()) {
          if (index.name.startsWith('.') && !part.startsWith('.')) continue;
          if (re.test(index.name) || [...index.aliases].some((alias) => re.test(alias))) picked.set(index.name, index);
        }
      } else {
        const direct = this.indices.get(part);
        const targets = direct ? [direct] : this.aliasTargets(part);
        if (targets.length === 0) throw indexNotFound(part);
        for (const index of targets) picked.set(index.name, index);
      }
    }
    return [...picked.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  isWriteBlocked(index: IndexState): boolean {
    return ['index.blocks.write', 'index.blocks.read_only', 'index.blocks.read_only_allow_delete'].some(
      (key) => index.settings.get(key) === 'true',
    );
  }

  /** Index or replace a document. */
  put(index: IndexState, id: string | undefined, source: Source): { doc: StoredDoc; created: boolean } {
    if (this.isWriteBlocked(index)) throw writeBlocked(index.name);
    const docId = id ?? randomBytes(15).toString('base64url');
    const previous = index.docs.get(docId);
    const doc: StoredDoc = {
      id: docId,
      source: structuredClone(source),
      seq: previous?.seq ?? ++this.seq,
      version: (previous?.version ?? 0) + 1,
      seqNo: index.nextSeqNo++,
    };
    index.docs.set(docId, doc);
    return { doc, created: !previous };
  }

  /** Partial update: objects merge recursively, everything else is replaced; an unchanged doc is a noop. */
  update(index: IndexState, id: string, partial: Source): { doc: StoredDoc; result: 'updated' | 'noop' } {
    if (this.isWriteBlocked(index)) throw writeBlocked(index.name);
    const previous = index.docs.get(id);
    if (!previous) {
      throw new OpenSearchError(404, 'document_missing_exception', `[${id}]: document missing`, { index: index.name });
    }
    const merged = deepMerge(previous.source, partial);
    if (JSON.stringify(merged) === JSON.stringify(previous.source)) return { doc: previous, result: 'noop' };
    const doc: StoredDoc = { ...previous, source: merged, version: previous.version + 1, seqNo: index.nextSeqNo++ };
    index.docs.set(id, doc);
    return { doc, result: 'updated' };
  }

  delete(index: IndexState, id: string): StoredDoc | undefined {
    if (this.isWriteBlocked(index)) throw writeBlocked(index.name);
    const previous = index.docs.get(id);
    index.docs.delete(id);
    return previous;
  }

  private aliasTargets(alias: string): IndexState[] {
    return this.all().filter((index) => index.aliases.has(alias));
  }
}

function deepMerge(target: Source, patch: Source): Source {
  const out: Source = structuredClone(target);
  for (const [key, value] of Object.entries(patch)) {
    const current = out[key];
    const bothObjects =
      value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      current !== null &&
      typeof current === 'object' &&
      !Array.isArray(current);
    out[key] = bothObjects ? deepMerge(current as Source, value as Source) : structuredClone(value);
  }
  return out;
}
