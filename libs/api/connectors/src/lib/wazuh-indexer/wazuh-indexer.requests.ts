import { BadInputError, ServiceUnavailableError } from '@copilot/api-core';
import { WAZUH_INDEXER } from './wazuh-indexer.types';

/** A write to an index with `index.blocks.write` (or read_only) set. CoPilot never lifts such a block itself. */
export class IndexWriteBlockedError extends ServiceUnavailableError {
  constructor(readonly index: string) {
    super(
      WAZUH_INDEXER,
      `index ${index} is write-blocked (index.blocks.write or read_only); CoPilot does not lift write blocks, ` +
        'an operator has to clear the block for the write to succeed',
    );
  }
}

/** Index names, aliases, patterns and comma lists; refuses characters that would change the request path. */
export function indexPath(expression: string): string {
  const parts = expression.split(',').map((part) => part.trim());
  if (parts.length === 0 || parts.some((part) => part === '' || /[\s/\\?"<>|#]/.test(part))) {
    throw new BadInputError(`invalid index expression "${expression}"`, [
      { field: 'index', message: 'invalid index name or pattern' },
    ]);
  }
  return parts.map((part) => encodeURIComponent(part).replace(/%2A/gi, '*')).join(',');
}

/** A document id as one path segment. */
export function docId(id: string): string {
  if (id === '') throw new BadInputError('document id must not be empty', [{ field: 'id', message: 'required' }]);
  return encodeURIComponent(id);
}

/** Settings that refuse writes when "true". */
export const WRITE_BLOCK_KEYS = ['index.blocks.write', 'index.blocks.read_only', 'index.blocks.read_only_allow_delete'];
