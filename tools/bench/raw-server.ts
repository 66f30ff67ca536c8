/**
 * The baseline: what a hand-written server needs to answer the same page, and nothing else — bare
 * node:http, a mysql2 pool of the api's size, prepared statements, JSON.stringify. No auth,
 * validation framework, tenancy or ORM, which is exactly what the ratio prices. Runs as its own
 * process (like the api) so neither server shares an event loop with the load generator.
 *
 * Env: BENCH_SCENARIO (a name in scenarios/index.ts), BENCH_MYSQL_URL (server), BENCH_DATABASE.
 * Prints `READY <port>` once listening on a free loopback port.
 */
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPool } from 'mysql2/promise';
import { connectionOptions } from './scratch-db';
import { decodeTimeIdCursor } from './scenarios/scenario';
import { SCENARIOS } from './scenarios';

const scenario = SCENARIOS[process.env['BENCH_SCENARIO'] ?? ''];
if (!scenario) throw new Error(`BENCH_SCENARIO must name one of ${Object.keys(SCENARIOS).join(', ')}`);
const pool = createPool({ ...connectionOptions(process.env['BENCH_MYSQL_URL'] ?? '', process.env['BENCH_DATABASE']), connectionLimit: 10 });
const CODE = /^[a-z0-9][a-z0-9_-]{1,31}$/;
const statuses = new Set(scenario.statusMix.map((s) => s.value));

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method !== 'GET' || url.pathname !== scenario.path) return send(res, 404, { title: 'Not Found' });
  const customerCode = url.searchParams.get('customerCode') ?? '';
  const status = url.searchParams.get('status') ?? '';
  const cursor = url.searchParams.get('cursor');
  const limit = Number(url.searchParams.get('limit') ?? 25);
  const after = cursor === null ? null : decodeTimeIdCursor(cursor);
  if (!CODE.test(customerCode) || !statuses.has(status) || (cursor !== null && !after) || !Number.isInteger(limit) || limit < 1 || limit > 200) {
    return send(res, 400, { title: 'Bad Request' });
  }
  send(res, 200, await scenario.rawPage(pool, { customerCode, status, after, limit }));
}

const server = createServer((req, res) => {
  handle(req, res).catch((err: unknown) => {
    console.error(err);
    if (!res.headersSent) send(res, 500, { title: 'Internal Server Error' });
  });
});
// Node's default keep-alive timeout (5 s) would drop the load generator's idle sockets between runs.
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`READY ${(server.address() as AddressInfo).port}\n`));
process.on('SIGTERM', () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
