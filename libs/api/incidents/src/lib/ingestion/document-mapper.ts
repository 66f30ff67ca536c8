import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { ALERT_SEVERITIES, type AlertSeverity } from '../alerts/alert.types';
import { ASSET_NAME_MAX, IOC_VALUE_MAX } from '../alerts/alert-evidence.entities';
import { severityOfLevel, type DedupField, type IocType, type SourceMapping } from './source.types';

type Doc = Record<string, unknown>;

/** One alert-worthy document (or pushed alert), mapped and attributed, ready for dedup. */
export interface Candidate {
  customerCode: string;
  source: string;
  ruleId: string | null;
  title: string;
  description: string | null;
  severity: AlertSeverity;
  eventAt: Date;
  /** A pushed alert may carry a span of events; ingested documents are single instants. */
  spanEnd?: Date;
  asset: { name: string; agentId: string | null } | null;
  iocs: CandidateIoc[];
  /** The indexer document it came from; null for a pushed alert. */
  origin: { index: string; id: string } | null;
  document: Doc | null;
  dedupKey: string;
  externalId: string | null;
  tags: string[];
}

/** An IoC of a candidate; `key` (type and value) tells two apart without building a string per document again. */
export interface CandidateIoc {
  type: IocType;
  value: string;
  key: string;
}

export const iocOf = (type: IocType, value: string): CandidateIoc => ({ type, value, key: `${type}\u0000${value}` });

export type MapResult = { ok: true; candidate: Candidate } | { ok: false; reason: string };

/**
 * Customer codes by lower-cased code, and the source's explicit value map, lower-cased too; `seen` remembers what
 * each raw value came to (a stream names the same few customers in every document).
 */
export interface Attribution {
  codes: Map<string, string>;
  map: Map<string, string>;
  seen: Map<string, string | null>;
}

export function attributionOf(codes: readonly string[], customerMap: Record<string, string>): Attribution {
  return {
    codes: new Map(codes.map((c) => [c.toLowerCase(), c])),
    map: new Map(Object.entries(customerMap).map(([value, code]) => [value.toLowerCase(), code])),
    seen: new Map(),
  };
}

/** Values a small cache keeps before it starts over. */
const SEEN_MAX = 10_000;

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= SEEN_MAX) cache.clear();
  cache.set(key, value);
  return value;
}

type FieldReader = (doc: Doc) => unknown;

/**
 * A dotted path into `_source` as a reader compiled once per mapping (ingestion reads a dozen fields of every
 * document); a flat key with exactly that name wins (Graylog flattens `rule.level`).
 */
function fieldReader(path: string): FieldReader {
  const parts = path.split('.');
  return (doc) => {
    if (Object.prototype.hasOwnProperty.call(doc, path)) return doc[path];
    let node: unknown = doc;
    for (const part of parts) {
      if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
      node = (node as Doc)[part];
    }
    return node;
  };
}

export function fieldValue(doc: Doc, path: string): unknown {
  return fieldReader(path)(doc);
}

function text(value: unknown): string | null {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (Array.isArray(value)) return value.length > 0 ? text(value[0]) : null;
  return null;
}

/** The first customer field present decides; its value is looked up in the map, then among the codes. */
export function attribute(doc: Doc, fields: readonly string[], who: Attribution, readers: readonly FieldReader[] = fields.map(fieldReader)): { code: string } | { reason: string } {
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    const value = text(readers[i](doc));
    if (value === null) continue;
    let known = who.seen.get(value);
    if (known === undefined) known = remember(who.seen, value, who.codes.get((who.map.get(value.toLowerCase()) ?? value).toLowerCase()) ?? null);
    return known ? { code: known } : { reason: `${field} is "${value.slice(0, 100)}", which matches no customer` };
  }
  return { reason: `none of ${fields.join(', ')} is present` };
}

export function severityOf(value: unknown): AlertSeverity {
  if (typeof value === 'number') return Number.isFinite(value) ? severityOfLevel(value) : 'Low';
  const raw = text(value);
  if (raw === null) return 'Low';
  const named = ALERT_SEVERITIES.find((s) => s.toLowerCase() === raw.toLowerCase());
  if (named) return named;
  const level = Number(raw);
  return Number.isFinite(level) ? severityOfLevel(level) : 'Low';
}

/** ISO-8601 (Wazuh writes `+0000` offsets), or epoch seconds/millis. */
export function parseEventTime(value: unknown): Date | null {
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value < 1e11 ? value * 1000 : value);
  if (typeof value !== 'string') return null;
  const d = new Date(value.trim().replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(d.getTime()) ? null : d;
}

const HASH = /^(?:[a-f0-9]{32}|[a-f0-9]{40}|[a-f0-9]{64}|[a-f0-9]{128})$/i;
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** Normalises one raw value into an IoC of the type, or null when it is not one (never guessed). */
export function normaliseIoc(type: IocType, raw: string): string | null {
  const v = raw.trim();
  if (v === '' || v.length > IOC_VALUE_MAX) return null;
  switch (type) {
    case 'IP':
      return isIP(v) ? v.toLowerCase() : null;
    case 'HASH':
      return HASH.test(v) ? v.toLowerCase() : null;
    case 'DOMAIN':
    {
      const d = v.toLowerCase().replace(/\.$/, '');
      return DOMAIN.test(d) && !isIP(d) ? d : null;
    }
    case 'URL':
      try {
        return ['http:', 'https:', 'ftp:'].includes(new URL(v).protocol) ? v : null;
      } catch {
        return null;
      }
  }
}

const LIST_SEPARATOR = /[,;]/;

/** What each raw value normalised to, by type: attackers and hashes recur across a stream. */
const normalised = new Map<IocType, Map<string, string | null>>();

function addIoc(out: CandidateIoc[], type: IocType, raw: string): void {
  let seen = normalised.get(type);
  if (!seen) normalised.set(type, (seen = new Map()));
  let normal = seen.get(raw);
  if (normal === undefined) normal = remember(seen, raw, normaliseIoc(type, type === 'HASH' ? raw.replace(/^[A-Za-z0-9]+=/, '') : raw));
  if (!normal) return;
  const ioc = iocOf(type, normal);
  // A document names a handful at most: a scan beats a map per document.
  if (!out.some((o) => o.key === ioc.key)) out.push(ioc);
}

function addIocValue(out: CandidateIoc[], type: IocType, item: unknown): void {
  if (typeof item !== 'string' && typeof item !== 'number') return;
  const raw = String(item);
  if (LIST_SEPARATOR.test(raw)) for (const part of raw.split(LIST_SEPARATOR)) addIoc(out, type, part);
  else addIoc(out, type, raw);
}

/** Values of an IoC field: arrays, and Sysmon's `SHA256=..,MD5=..` lists, give several. */
export function iocsOf(doc: Doc, paths: SourceMapping['iocs'], readers: readonly FieldReader[] = paths.map((p) => fieldReader(p.path))): CandidateIoc[] {
  const out: CandidateIoc[] = [];
  for (let i = 0; i < paths.length; i++) {
    const value = readers[i](doc);
    // Most documents carry none of the fields, or one plain value: only lists are split.
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const item of value) addIocValue(out, paths[i].type, item);
    else addIocValue(out, paths[i].type, value);
  }
  return out;
}

type KeyParts = Pick<Candidate, 'customerCode' | 'source' | 'ruleId' | 'asset' | 'title'>;
const keyPart = (c: KeyParts, field: DedupField): string =>
  field === 'source' ? c.source : field === 'rule' ? (c.ruleId ?? '') : field === 'asset' ? (c.asset?.name ?? '') : c.title;

/**
 * Hashes of recent keys as a tree of their parts (customer, then each field), per list of fields: a stream
 * repeats a few keys over and over, and building a key's text and its sha256 for every document adds up.
 */
type KeyTree = Map<string, KeyTree | string>;
const keyTrees = new WeakMap<readonly DedupField[], KeyTree>();
let cachedKeys = 0;
const DEDUP_HASH_CACHE_MAX = 50_000;

function branch(node: KeyTree, part: string): KeyTree {
  const next = node.get(part);
  if (next instanceof Map) return next;
  const child: KeyTree = new Map();
  node.set(part, child);
  return child;
}

export function dedupKeyOf(c: KeyParts, fields: readonly DedupField[]): string {
  let tree = keyTrees.get(fields);
  if (!tree || cachedKeys >= DEDUP_HASH_CACHE_MAX) {
    if (cachedKeys >= DEDUP_HASH_CACHE_MAX) cachedKeys = 0;
    keyTrees.set(fields, (tree = new Map()));
  }
  // customer, then every field but the last, as branches; the last part keys the hash
  let node = tree;
  let leaf = c.customerCode;
  for (const field of fields) {
    node = branch(node, leaf);
    leaf = keyPart(c, field);
  }
  const known = node.get(leaf);
  if (typeof known === 'string') return known;
  // The text hashed is the one every stored key was made from: it must not change.
  const hash = createHash('sha256').update(JSON.stringify([c.customerCode.toLowerCase(), ...fields.map((f) => keyPart(c, f))])).digest('hex');
  node.set(leaf, hash);
  cachedKeys++;
  return hash;
}

export interface MapContext {
  source: string;
  mapping: SourceMapping;
  dedupFields: readonly DedupField[];
  attribution: Attribution;
}

/** A mapping's paths as compiled readers, built once per mapping object. */
interface CompiledMapping {
  customer: FieldReader[];
  eventTime: FieldReader;
  ruleId: FieldReader;
  asset: FieldReader;
  agentId: FieldReader;
  title: FieldReader;
  description: FieldReader | null;
  severity: FieldReader;
  iocs: FieldReader[];
}
const compiled = new WeakMap<SourceMapping, CompiledMapping>();

function compile(mapping: SourceMapping): CompiledMapping {
  let c = compiled.get(mapping);
  if (!c) {
    c = {
      customer: mapping.customerFields.map(fieldReader), eventTime: fieldReader(mapping.eventTime), ruleId: fieldReader(mapping.ruleId),
      asset: fieldReader(mapping.asset), agentId: fieldReader(mapping.agentId), title: fieldReader(mapping.title),
      description: mapping.description ? fieldReader(mapping.description) : null, severity: fieldReader(mapping.severity),
      iocs: mapping.iocs.map((p) => fieldReader(p.path)),
    };
    compiled.set(mapping, c);
  }
  return c;
}

/** Maps one indexer hit; `sortTime` (the indexer's own parse of the time field) wins over parsing it again. */
export function mapDocument(hit: { index: string; id: string; source: Doc; sortTime?: number }, ctx: MapContext): MapResult {
  const { mapping } = ctx;
  const read = compile(mapping);
  const doc = hit.source;
  const who = attribute(doc, mapping.customerFields, ctx.attribution, read.customer);
  if ('reason' in who) return { ok: false, reason: who.reason };
  const eventAt = hit.sortTime !== undefined ? new Date(hit.sortTime) : parseEventTime(read.eventTime(doc));
  if (!eventAt) return { ok: false, reason: `${mapping.eventTime} is missing or not a time` };
  const ruleId = text(read.ruleId(doc))?.slice(0, 128) ?? null;
  const assetName = text(read.asset(doc))?.slice(0, ASSET_NAME_MAX) ?? null;
  const title = (text(read.title(doc)) ?? (ruleId ? `Rule ${ruleId}` : `Alert from ${ctx.source}`)).slice(0, 512);
  const asset = assetName ? { name: assetName, agentId: text(read.agentId(doc))?.slice(0, 64) ?? null } : null;
  return {
    ok: true,
    candidate: {
      customerCode: who.code, source: ctx.source, ruleId, title, asset,
      description: read.description ? text(read.description(doc))?.slice(0, 4000) ?? null : null,
      severity: severityOf(read.severity(doc)),
      eventAt,
      iocs: iocsOf(doc, mapping.iocs, read.iocs),
      origin: { index: hit.index, id: hit.id },
      document: doc,
      dedupKey: dedupKeyOf({ customerCode: who.code, source: ctx.source, ruleId, title, asset }, ctx.dedupFields),
      // The origin key doubles as the external id: a retried insert of the same document collides, never duplicates.
      externalId: `${hit.index}/${hit.id}`.slice(0, 255),
      tags: [],
    },
  };
}
