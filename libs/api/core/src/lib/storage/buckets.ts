import type { ObjectStorage } from './storage.types';

/** Every bucket the platform uses; created at boot so no request path has to create one. */
export const BUCKETS = [
  'copilot-cases',
  'copilot-case-report-templates',
  'velociraptor-artifacts',
  'sysmon-configs',
  'incident-management-reports',
] as const;

export type BucketName = (typeof BUCKETS)[number];

/** Creates all known buckets (idempotent) and returns their names. */
export async function ensureBuckets(storage: ObjectStorage): Promise<BucketName[]> {
  // One at a time: five cheap calls, and a failure names the first bucket that could not be made.
  for (const bucket of BUCKETS) {
    await storage.ensureBucket(bucket);
  }
  return [...BUCKETS];
}
