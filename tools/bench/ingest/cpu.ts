/** CPU milliseconds spent by this process and by the local database server (NaN when it is not local). */
export interface CpuSpent {
  nodeMs: number;
  dbMs: number;
}

/**
 * Starts counting; the returned function answers what both sides spent since. The database figure comes in
 * 10 ms ticks, so only a sum over many intervals (a whole phase) is worth printing.
 */
export function cpuSpentSince(dbCpuUs: () => number | undefined): () => CpuSpent {
  const node0 = process.cpuUsage();
  const db0 = dbCpuUs();
  return () => {
    const node = process.cpuUsage(node0);
    const db1 = dbCpuUs();
    return { nodeMs: (node.user + node.system) / 1000, dbMs: db0 === undefined || db1 === undefined ? Number.NaN : (db1 - db0) / 1000 };
  };
}
