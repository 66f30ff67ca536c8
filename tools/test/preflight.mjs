// What `npm test` needs from the machine, checked first so a missing service fails at once with
// how to get it, rather than as a pile of timeouts (and never by skipping tests silently).
import { existsSync } from 'node:fs';
import { createConnection } from 'mysql2/promise';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function preflight() {
  const problems = [];
  const url = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
  try {
    const u = new URL(url);
    const conn = await createConnection({ host: u.hostname, port: Number(u.port || 3306), user: decodeURIComponent(u.username), password: decodeURIComponent(u.password), connectTimeout: 5000 });
    await conn.query('SELECT 1');
    await conn.end();
  } catch (err) {
    problems.push(`MariaDB/MySQL is not answering at ${url} (${err.code ?? err.message}). Start it with \`start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd\`, or point TEST_MYSQL_URL at a server where the user may create databases.`);
  }
  if (!existsSync(CHROMIUM)) {
    problems.push(`Chromium is not at ${CHROMIUM}. Install it with \`apt-get update && apt-get install -y chromium\`, or set CHROMIUM_PATH.`);
  }
  return problems;
}
