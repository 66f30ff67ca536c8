// Preloaded (`node -r`) into both servers under test, so the bench can say WHY one is slower:
// it counts the SQL statements mysql2 sends (the api's TypeORM and the baseline share mysql2) and
// reports them with the process's own CPU time when the bench asks over the IPC channel. Plain
// CommonJS because the api runs as the built main.js, without a TypeScript loader.
// With BENCH_PROBE_SQL=1 it also tallies statements by kind (column and IN-lists folded).
'use strict';
// Connection extends the base class that defines query/execute (the subpath is not exported).
const base = Object.getPrototypeOf(require('mysql2').Connection.prototype);

let queries = 0;
const shapes = process.env.BENCH_PROBE_SQL === '1' ? new Map() : null;

function tally(sql) {
  queries++;
  if (!shapes) return;
  const text = typeof sql === 'string' ? sql : sql && typeof sql.sql === 'string' ? sql.sql : '?';
  // Column lists and IN-lists vary in length, not in kind: fold them so each statement kind is one line.
  const shape = text
    .replace(/\s+/g, ' ')
    .replace(/^SELECT .*? FROM /i, 'SELECT … FROM ')
    .replace(/\((\?, ?)+\?\)/g, '(?…)')
    .slice(0, 200);
  shapes.set(shape, (shapes.get(shape) || 0) + 1);
}

for (const method of ['query', 'execute']) {
  const original = base[method];
  base[method] = function probed(sql, ...rest) {
    tally(sql);
    return original.call(this, sql, ...rest);
  };
}

if (process.send && process.channel) {
  // The channel must not keep a server alive after it was asked to stop.
  process.channel.unref();
  process.on('message', (msg) => {
    if (!msg || msg.benchProbe === undefined) return;
    const cpu = process.cpuUsage();
    process.send({ benchProbe: msg.benchProbe, queries, cpuUs: cpu.user + cpu.system, shapes: shapes ? Object.fromEntries(shapes) : undefined });
  });
}
