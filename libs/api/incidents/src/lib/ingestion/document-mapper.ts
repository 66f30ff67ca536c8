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
  iocs: { type: IocType; value: string }[];
  /** The indexer document it came from; null for a pushed alert. */
  origin: { index: string; id: string } | null;
  document: Doc | null;
  dedupKey: string;
  externalId: string | null;
  tags: string[];
}

export type MapResult = { ok: true; candidate: Candidate } | { ok: false; reason: string };

/** Customer codes by lower-cased code, and the source's explicit value map, lower-cased too. */
export interface Attribution {
  codes: Map<string, string>;
  map: Map<string, string>;
}

export function attributionOf(codes: readonly string[], customerMap: Record<string, string>): Attribution {
  return {
    codes: new Map(codes.map((c) => [c.toLowerCase(), c])),
    map: new Map(Object.entries(customerMap).map(([value, code]) => [value.toLowerCase(), code])),
  };
}

/** A dotted path into `_source`; a flat key with exactly that name wins (Graylog flattens `rule.level`). */
export function fieldValue(doc: Doc, path: string): unknown {
  if (Object.prototype.hasOwnProperty.call(doc, path)) return doc[path];
  let node: unknown = doc;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = (node as Doc)[part];
  }
  return node;
}

function text(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (Array.isArray(value)) return value.length > 0 ? text(value[0]) : null;
  return null;
}

/** The first customer field present decides; its value is looked up in the map, then among the codes. */
export function attribute(doc: Doc, fields: readonly string[], who: Attribution): { code: string } | { reason: string } {
  for (const field of fields) {
    const value = text(fieldValue(doc, field));
    if (value === null) continue;
    const code = who.map.get(value.toLowerCase()) ?? value;
    const known = who.codes.get(code.toLowerCase());
    return known ? { code: known } : { reason: `${field} is "${value.slice(0, 100)}", which matches no customer` };
  }
  return { reason: `none of ${fields.join(', ')} is present` };
}

export function severityOf(value: unknown): AlertSeverity {
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

/** Values of an IoC field: arrays, and Sysmon's `SHA256=..,MD5=..` lists, give several. */
export function iocsOf(doc: Doc, paths: SourceMapping['iocs']): { type: IocType; value: string }[] {
  const out = new Map<string, { type: IocType; value: string }>();
  for (const { path, type } of paths) {
    const value = fieldValue(doc, path);
    const raws = (Array.isArray(value) ? value : [value]).filter((v): v is string | number => typeof v === 'string' || typeof v === 'number');
    for (const raw of raws.flatMap((r) => String(r).split(/[,;]/))) {
      const normal = normaliseIoc(type, type === 'HASH' ? raw.replace(/^[A-Za-z0-9]+=/, '') : raw);
      if (normal) out.set(`${type}\u0000${normal}`, { type, value: normal });
    }
  }
  return [...out.values()];
}

export function dedupKeyOf(c: Pick<Candidate, 'customerCode' | 'source' | 'ruleId' | 'asset' | 'title'>, fields: readonly DedupField[]): string {
  const parts: Record<DedupField, string> = { source: c.source, rule: c.ruleId ?? '', asset: c.asset?.name ?? '', title: c.title };
  return createHash('sha256').update(JSON.stringify([c.customerCode.toLowerCase(), ...fields.map((f) => parts[f])])).digest('hex');
}

export interface MapContext {
  source: string;
  mapping: SourceMapping;
  dedupFields: readonly DedupField[];
  attribution: Attribution;
}

/** Maps one indexer hit; `sortTime` (the indexer's own parse of the time field) wins over parsing it again. */
export function mapDocument(hit: { index: string; id: string; source: Doc; sortTime?: number }, ctx: MapContext): MapResult {
  const { mapping } = ctx;
  const who = attribute(hit.source, mapping.customerFields, ctx.attribution);
  if ('reason' in who) return { ok: false, reason: who.reason };
  const eventAt = hit.sortTime !== undefined ? new Date(hit.sortTime) : parseEventTime(fieldValue(hit.source, mapping.eventTime));
  if (!eventAt) return { ok: false, reason: `${mapping.eventTime} is missing or not a time` };
  const ruleId = text(fieldValue(hit.source, mapping.ruleId))?.slice(0, 128) ?? null;
  const assetName = text(fieldValue(hit.source, mapping.asset))?.slice(0, ASSET_NAME_MAX) ?? null;
  const title = (text(fieldValue(hit.source, mapping.title)) ?? (ruleId ? `Rule ${ruleId}` : `Alert from ${ctx.source}`)).slice(0, 512);
  const base = {
    customerCode: who.code, source: ctx.source, ruleId, title, asset: assetName ? { name: assetName, agentId: text(fieldValue(hit.source, mapping.agentId))?.slice(0, 64) ?? null } : null,
  };
  return {
    ok: true,
    candidate: {
      ...base,
      description: mapping.description ? text(fieldValue(hit.source, mapping.description))?.slice(0, 4000) ?? null : null,
      severity: severityOf(fieldValue(hit.source, mapping.severity)),
      eventAt,
      iocs: iocsOf(hit.source, mapping.iocs),
      origin: { index: hit.index, id: hit.id },
      document: hit.source,
      dedupKey: dedupKeyOf(base, ctx.dedupFields),
      // The origin key doubles as the external id: a retried insert of the same document collides, never duplicates.
      externalId: `${hit.index}/${hit.id}`.slice(0, 255),
      tags: [],
    },
  };
}
