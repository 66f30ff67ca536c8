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

const DB_SERVERS = new Set(['mariadbd', 'mysqld']);

function cpuOfPid(pid: string): { name: string; us: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), us: (Number(fields[11]) + Number(fields[12])) * CLK_TCK_US };
}

/** The pids of local mariadbd/mysqld processes; empty when the server is not local (or not Linux). */
function dbServerPids(): string[] {
  try {
    return readdirSync('/proc').filter((d) => /^\d+$/.test(d)).filter((pid) => {
      try {
        return DB_SERVERS.has(cpuOfPid(pid).name);
      } catch {
        return false; // the process ended while we looked
      }
    });
  } catch {
    return [];
  }
}

function cpuOfPids(pids: readonly string[]): number | undefined {
  let total: number | undefined;
  for (const pid of pids) {
    try {
      total = (total ?? 0) + cpuOfPid(pid).us;
    } catch {
      // the server restarted: no figure rather than a wrong one
    }
  }
  return total;
}

/** utime+stime of a local mariadbd/mysqld from /proc, or undefined (remote server, not Linux). */
export function dbServerCpuUs(): number | undefined {
  return cpuOfPids(dbServerPids());
}

/**
 * The same figure from a reader that finds the server's pids once, for callers that read it thousands of times
 * (around each statement of a phase); 10 ms ticks, so only sums over many reads mean anything.
 */
export function dbServerCpuReader(): () => number | undefined {
  const pids = dbServerPids();
  return () => cpuOfPids(pids);
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
