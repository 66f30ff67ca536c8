import { BadInputError } from '@copilot/api-core';
import { dedupKeyOf, iocOf, normaliseIoc, type Candidate } from '../ingestion/document-mapper';
import { DEFAULT_DEDUP_FIELDS } from '../ingestion/source.types';
import type { CreateAlertDto } from './dto/alert-input.dto';

/**
 * Pseudo index of pushed alerts' origin keys (real index names cannot start with `_`): a retried push with the
 * same externalId finds its origin and changes nothing, also when the first push only bumped another alert.
 */
export const PUSHED_INDEX = '_pushed';

/** A pushed alert as a dedup candidate: the same key (customer + source + rule + asset) as ingested documents. */
export function pushedCandidate(dto: CreateAlertDto, now: Date): Candidate {
  const firstEventAt = dto.firstEventAt ? new Date(dto.firstEventAt) : now;
  const lastEventAt = dto.lastEventAt ? new Date(dto.lastEventAt) : firstEventAt;
  if (lastEventAt < firstEventAt) throw new BadInputError('lastEventAt is before firstEventAt', [{ field: 'lastEventAt', message: 'must not be before firstEventAt' }]);
  const iocs = (dto.iocs ?? []).map((ioc, i) => {
    const value = normaliseIoc(ioc.type, ioc.value);
    if (!value) throw new BadInputError(`iocs[${i}] is not a valid ${ioc.type}`, [{ field: `iocs.${i}.value`, message: `not a valid ${ioc.type}` }]);
    return iocOf(ioc.type, value);
  });
  const base = { customerCode: dto.customerCode, source: dto.source, ruleId: dto.ruleId ?? null, title: dto.title, asset: dto.asset ? { name: dto.asset, agentId: dto.agentId ?? null } : null };
  return {
    ...base, description: dto.description ?? null, severity: dto.severity, eventAt: firstEventAt, spanEnd: lastEventAt, iocs, document: null,
    origin: dto.externalId ? { index: PUSHED_INDEX, id: `${dto.source}/${dto.customerCode}/${dto.externalId}`.slice(0, 255) } : null,
    // Without a rule id the title stands in, so unrelated pushed alerts of one source are not folded together.
    dedupKey: dedupKeyOf(base, dto.ruleId ? DEFAULT_DEDUP_FIELDS : [...DEFAULT_DEDUP_FIELDS, 'title']),
    externalId: dto.externalId ?? null, tags: dto.tags ?? [],
  };
}
