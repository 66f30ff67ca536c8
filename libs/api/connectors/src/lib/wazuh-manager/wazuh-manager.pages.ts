import { unexpected } from './wazuh-manager.parse';
import { pageSize, withField } from './wazuh-manager.requests';
import type { AgentListQuery, AgentPagesOptions, WazuhAgent, WazuhPage, WazuhPageChunk } from './wazuh-manager.types';

export interface WalkOptions<T> {
  pageSize: number;
  /**
   * Ascending numeric key of the order the pages are requested in (agent ids under `sort=+id`). With it, items at
   * or before the last key already yielded are dropped: offsets shift when items are added while walking, and a
   * shifted item must not be handed out twice. A page that brings nothing new means the server ignored `offset`.
   */
  key?: (item: T) => number;
  /** For error messages, e.g. `GET /agents`. */
  call: string;
}

/**
 * Walks a Wazuh list endpoint with offset/limit, one request per iteration, holding one page at a time. It stops
 * at a short page or once the reported total is reached.
 */
export async function* walkPages<T>(
  fetchPage: (offset: number, limit: number) => Promise<WazuhPage<T>>,
  options: WalkOptions<T>,
): AsyncGenerator<WazuhPageChunk<T>, void, undefined> {
  const { pageSize, key, call } = options;
  let offset = 0;
  let last = -Infinity;
  for (;;) {
    const page = await fetchPage(offset, pageSize);
    const fresh = key
      ? page.items.filter((item) => {
          const value = key(item);
          return Number.isNaN(value) || value > last;
        })
      : page.items;
    if (key && page.items.length > 0 && fresh.length === 0) {
      throw unexpected(call, `paging made no progress at offset ${offset} (the same items came back again)`);
    }
    if (key && fresh.length > 0) last = Math.max(last, key(fresh[fresh.length - 1]) || last);
    if (fresh.length > 0) yield { items: fresh, offset, total: page.total };
    if (page.items.length < pageSize || offset + page.items.length >= page.total) return;
    offset += page.items.length;
  }
}

/**
 * Every agent `list` returns for `options`, a page at a time. Without a caller's own sort the walk asks for
 * `sort=+id` and guards against duplicates by id; the id is always selected because the guard needs it.
 */
export function walkAgentPages(
  list: (query: AgentListQuery) => Promise<WazuhPage<WazuhAgent>>,
  options: AgentPagesOptions,
  call: string,
): AsyncGenerator<WazuhPageChunk<WazuhAgent>, void, undefined> {
  const { pageSize: size, ...filters } = options;
  const query = { ...filters, sort: filters.sort ?? '+id', select: withField(filters.select, 'id') };
  return walkPages((offset, limit) => list({ ...query, offset, limit }), {
    pageSize: pageSize(size),
    key: filters.sort ? undefined : (agent) => Number(agent.id),
    call,
  });
}
