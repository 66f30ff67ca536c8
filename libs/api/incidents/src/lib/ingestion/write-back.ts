import type { Logger } from '@nestjs/common';
import { IndexWriteBlockedError, type WazuhIndexerClient } from '@copilot/api-connectors';

/** The field written into each origin document: the alert it became (or repeated). */
export const WRITE_BACK_FIELD = 'copilot_alert_id';
const CONCURRENCY = 4;

/**
 * After the batch committed: tag each origin document with its alert id. The client retries transient
 * failures (an update setting fixed values is idempotent); a write-blocked index is reported and left blocked,
 * never unblocked behind the operator's back. Returns the number of documents that could not be tagged.
 */
export async function writeBack(client: WazuhIndexerClient, items: { origin: { index: string; id: string } | null; alertId: number }[], logger: Logger): Promise<number> {
  const queue = items.filter((i): i is { origin: { index: string; id: string }; alertId: number } => i.origin !== null && i.alertId > 0);
  let failures = 0;
  const blocked = new Set<string>();
  const worker = async () => {
    for (let item = queue.shift(); item; item = queue.shift()) {
      if (blocked.has(item.origin.index)) {
        failures++;
        continue;
      }
      try {
        await client.updateDoc(item.origin.index, item.origin.id, { [WRITE_BACK_FIELD]: item.alertId });
      } catch (err) {
        failures++;
        if (err instanceof IndexWriteBlockedError) {
          blocked.add(item.origin.index);
          logger.warn(`write-back skipped: index ${item.origin.index} is write-blocked (left as it is)`);
        } else logger.warn(`write-back of ${item.origin.index}/${item.origin.id} failed: ${(err as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return failures;
}
