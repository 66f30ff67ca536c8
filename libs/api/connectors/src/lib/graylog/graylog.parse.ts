import { Fields, parseGraylogVersion } from './graylog.fields';
import type {
  GraylogIndexSet,
  GraylogIndexSetList,
  GraylogInput,
  GraylogInputState,
  GraylogJournal,
  GraylogPipeline,
  GraylogPipelineRule,
  GraylogRole,
  GraylogStream,
  GraylogSystem,
} from './graylog.types';

/** Parsers of Graylog 6.x system and configuration answers (shapes: Graylog REST API reference, 6.1). */

export function parseSystem(body: unknown): GraylogSystem {
  const f = Fields.root(body, 'GET /api/system');
  return {
    version: parseGraylogVersion(f.reqStr('version')),
    clusterId: f.reqStr('cluster_id'),
    nodeId: f.reqStr('node_id'),
    hostname: f.str('hostname'),
    lifecycle: f.str('lifecycle'),
    isProcessing: f.bool('is_processing'),
    isLeader: f.bool('is_leader'),
    startedAt: f.str('started_at'),
    timezone: f.str('timezone'),
    codename: f.str('codename'),
  };
}

/** `GET /api/system/sessions`: the user an access token belongs to (null when Graylog does not say). */
export function parseSessionUser(body: unknown): string | null {
  return Fields.root(body, 'GET /api/system/sessions').str('username');
}

export function parseRoles(body: unknown, call: string): GraylogRole[] {
  return Fields.list(body, 'roles', call).map((f) => ({
    id: f.reqStr('id'),
    name: f.reqStr('name'),
    description: f.str('description'),
    permissions: f.strings('permissions'),
    readOnly: f.bool('read_only'),
  }));
}

function input(f: Fields): GraylogInput {
  return {
    id: f.reqStr('id'),
    title: f.reqStr('title'),
    type: f.reqStr('type'),
    name: f.str('name'),
    global: f.bool('global'),
    node: f.str('node'),
    createdAt: f.str('created_at'),
    creatorUserId: f.str('creator_user_id'),
    attributes: f.obj('attributes') ?? {},
    staticFields: f.stringMap('static_fields'),
    contentPack: f.str('content_pack'),
  };
}

export function parseInputs(body: unknown): GraylogInput[] {
  return Fields.list(body, 'inputs', 'GET /api/system/inputs').map(input);
}

export function parseInputStates(body: unknown): GraylogInputState[] {
  return Fields.list(body, 'states', 'GET /api/system/inputstates').map((f) => ({
    id: f.reqStr('id'),
    state: f.reqStr('state'),
    startedAt: f.str('started_at'),
    detailedMessage: f.str('detailed_message'),
    // A state whose input summary is odd still tells whether the input runs; keep it, without the summary.
    input: f.obj('message_input') ? safeInput(f.child('message_input')) : null,
  }));
}

function safeInput(f: Fields): GraylogInput | null {
  try {
    return input(f);
  } catch {
    return null;
  }
}

export function parseIndexSets(body: unknown): GraylogIndexSetList {
  const call = 'GET /api/system/indices/index_sets';
  const root = Fields.root(body, call);
  const stats = root.child('stats');
  const indexSets = Fields.list(body, 'index_sets', call).map((f): GraylogIndexSet => {
    const id = f.reqStr('id');
    const own = stats.obj(id) ? stats.child(id) : null;
    return {
      id,
      title: f.reqStr('title'),
      description: f.str('description'),
      indexPrefix: f.reqStr('index_prefix'),
      shards: f.num('shards'),
      replicas: f.num('replicas'),
      rotationStrategyClass: f.str('rotation_strategy_class'),
      rotationStrategy: f.obj('rotation_strategy'),
      retentionStrategyClass: f.str('retention_strategy_class'),
      retentionStrategy: f.obj('retention_strategy'),
      creationDate: f.str('creation_date'),
      indexAnalyzer: f.str('index_analyzer'),
      writable: f.bool('writable'),
      isDefault: f.bool('default'),
      canBeDefault: f.bool('can_be_default'),
      indexTemplateType: f.str('index_template_type'),
      stats: own ? { indices: own.num('indices'), documents: own.num('documents'), sizeBytes: own.num('size') } : null,
    };
  });
  return { total: root.num('total') ?? indexSets.length, indexSets };
}

export function parseStreams(body: unknown): GraylogStream[] {
  return Fields.list(body, 'streams', 'GET /api/streams').map((f) => ({
    id: f.reqStr('id'),
    title: f.reqStr('title'),
    description: f.str('description'),
    disabled: f.bool('disabled'),
    indexSetId: f.str('index_set_id'),
    isDefault: f.bool('is_default'),
    isEditable: f.bool('is_editable'),
    matchingType: f.str('matching_type'),
    removeMatchesFromDefaultStream: f.bool('remove_matches_from_default_stream'),
    createdAt: f.str('created_at'),
    creatorUserId: f.str('creator_user_id'),
    rules: f.objects('rules').map((r) => ({
      id: r.reqStr('id'),
      field: r.str('field'),
      type: r.num('type'),
      value: r.str('value'),
      inverted: r.bool('inverted'),
      description: r.str('description'),
    })),
    categories: f.strings('categories'),
  }));
}

export function parsePipelines(body: unknown): GraylogPipeline[] {
  return Fields.list(body, null, 'GET /api/system/pipelines/pipeline').map((f) => ({
    id: f.reqStr('id'),
    title: f.reqStr('title'),
    description: f.str('description'),
    source: f.str('source') ?? '',
    createdAt: f.str('created_at'),
    modifiedAt: f.str('modified_at'),
    stages: f.objects('stages').map((s) => ({
      stage: s.num('stage') ?? 0,
      match: s.str('match'),
      rules: s.strings('rules'),
    })),
  }));
}

export function parsePipelineRules(body: unknown): GraylogPipelineRule[] {
  return Fields.list(body, null, 'GET /api/system/pipelines/rule').map((f) => ({
    id: f.reqStr('id'),
    title: f.reqStr('title'),
    description: f.str('description'),
    source: f.str('source') ?? '',
    createdAt: f.str('created_at'),
    modifiedAt: f.str('modified_at'),
  }));
}

export function parseJournal(body: unknown): GraylogJournal {
  const f = Fields.root(body, 'GET /api/system/journal');
  const config = f.child('journal_config');
  return {
    enabled: f.reqBool('enabled'),
    appendEventsPerSecond: f.num('append_events_per_second'),
    readEventsPerSecond: f.num('read_events_per_second'),
    uncommittedEntries: f.num('uncommitted_journal_entries'),
    sizeBytes: f.num('journal_size'),
    sizeLimitBytes: f.num('journal_size_limit'),
    segments: f.num('number_of_segments'),
    oldestSegment: f.str('oldest_segment'),
    directory: config.str('directory'),
    maxAgeMs: config.num('max_age'),
  };
}
