import { readdirSync, readFileSync } from 'node:fs';
import { LoadOptions, LoadResult, runLoad } from './load';
import type { ServerProcess } from './processes';

/** One timed run of one server, with what its probe and the database server spent on it. */
export interface Measurement {
  load: LoadResult;
  /** SQL statements the server sent, warm-up included (divide by load.sent). */
  queries: number;
  serverCpuUs: number;
  /** CPU of the local MariaDB/MySQL server over the run, all its clients included; absent when it is not local. */
  dbCpuUs?: number;
  shapes?: Record<string, number>;
}

const CLK_TCK_US = 10_000; // USER_HZ is 100 on Linux: one tick is 10 ms.

/** utime+stime of a local mariadbd/mysqld from /proc, or undefined (remote server, not Linux). */
function dbServerCpuUs(): number | undefined {
  try {
    let total: number | undefined;
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        if (name !== 'mariadbd' && name !== 'mysqld') continue;
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        total = (total ?? 0) + (Number(fields[11]) + Number(fields[12])) * CLK_TCK_US;
      } catch {
        // the process ended while we looked
      }
    }
    return total;
  } catch {
    return undefined;
  }
}

function diffShapes(after?: Record<string, number>, before?: Record<string, number>): Record<string, number> | undefined {
  if (!after) return undefined;
  return Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - (before?.[k] ?? 0)]).filter(([, v]) => (v as number) > 0));
}

export async function measureServer(server: ServerProcess, opts: Omit<LoadOptions, 'origin'>): Promise<Measurement> {
  const before = await server.probe();
  const db0 = dbServerCpuUs();
  const load = await runLoad({ ...opts, origin: server.url });
  const db1 = dbServerCpuUs();
  const after = await server.probe();
  return {
    load,
    queries: after.queries - before.queries,
    serverCpuUs: after.cpuUs - before.cpuUs,
    dbCpuUs: db0 !== undefined && db1 !== undefined ? db1 - db0 : undefined,
    shapes: diffShapes(after.shapes, before.shapes),
  };
}
