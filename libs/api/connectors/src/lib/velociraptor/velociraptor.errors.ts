import { BadInputError, redactText, UpstreamFormatError } from '@copilot/api-core';
import { VELOCIRAPTOR } from './velociraptor.types';

/** The server could not run the VQL (a syntax error or an unknown plugin); its message names the problem. */
export class VqlError extends BadInputError {
  constructor(detail: string) {
    super(`${VELOCIRAPTOR}: ${detail}`, [{ field: 'vql', message: detail }]);
  }
}

/**
 * A VQL function that returned nothing (collect_client, create_flow_download and info() answer null on failure and
 * log why, e.g. "collect_client: Artifact X not found"): the error carries the server's last reasons.
 */
export function noResultError(call: string, logs: string[]): UpstreamFormatError {
  const reasons = logs
    .map((line) => line.replace(/^\S+Z\s+/, ''))
    .filter((line) => !/^Starting query execution|^Time \d+/.test(line));
  const why = reasons.length
    ? reasons
        .slice(-2)
        .map((line) => redactText(line.slice(0, 300)))
        .join('; ')
    : 'no reason given';
  return new UpstreamFormatError(VELOCIRAPTOR, `${call} returned no result: ${why}`);
}
