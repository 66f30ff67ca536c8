import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { AppConfig, AuditLogEntry, ensureMysqlDatabase } from '@copilot/api-core';
import { LoginThrottleRow } from '@copilot/api-auth';
import { passwordProblem, PasswordService, User } from '@copilot/api-users';
import { createDataSource } from '../database/data-source';

/** Reads one line without echoing it when stdin is a terminal; plain line otherwise (pipes, tests). */
async function readSecret(prompt: string): Promise<string> {
  const muted = new Writable({ write: (_c, _e, cb) => cb() });
  const tty = process.stdin.isTTY === true;
  if (tty) process.stderr.write(prompt);
  const rl = createInterface({ input: process.stdin, output: tty ? muted : undefined, terminal: tty });
  try {
    const line: string = await new Promise((resolve) => rl.once('line', resolve).once('close', () => resolve('')));
    if (tty) process.stderr.write('\n');
    return line;
  } finally {
    rl.close();
  }
}

/**
 * `reset-password <user> [--generate]`: works offline against the database (the api may be
 * stopped), for the forgotten-admin-password case. Clears the user's sign-in lockout too.
 */
export async function resetPassword(config: AppConfig, args: string[]): Promise<number> {
  const username = args.find((a) => !a.startsWith('--'));
  const generate = args.includes('--generate');
  if (!username) {
    process.stderr.write('Usage: reset-password <username> [--generate]\n');
    return 2;
  }
  if (config.database.type === 'mysql') await ensureMysqlDatabase(config.database);
  const ds = createDataSource(config.database);
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    const user = await ds.getRepository(User).findOne({ where: { username } });
    if (!user || user.role === 'scheduler') {
      process.stderr.write(`No user "${username}" that can sign in with a password\n`);
      return 1;
    }
    let password: string;
    if (generate) {
      password = randomBytes(18).toString('base64url');
    } else {
      password = await readSecret(`New password for ${username}: `);
      const again = process.stdin.isTTY ? await readSecret('Repeat it: ') : password;
      if (password !== again) {
        process.stderr.write('The two passwords differ; nothing changed\n');
        return 1;
      }
    }
    const problem = passwordProblem(password, username);
    if (problem) {
      process.stderr.write(`Password ${problem}; nothing changed\n`);
      return 1;
    }
    const hash = await new PasswordService().hash(password);
    await ds.transaction(async (tx) => {
      await tx.getRepository(User).update({ id: user.id }, { passwordHash: hash, passwordChangedAt: new Date(), mustChangePassword: false });
      await tx.getRepository(LoginThrottleRow).delete({ key: `u:${username.toLowerCase()}` });
      await tx.getRepository(AuditLogEntry).insert({
        at: new Date(), actorId: null, actorUsername: 'cli', action: 'cli.reset-password', entity: 'users', entityId: String(user.id),
        outcome: 'success', statusCode: null, ip: null, detail: `password of ${username} reset from the command line`,
      });
    });
    if (generate) process.stdout.write(`${password}\n`);
    process.stderr.write(`Password of "${username}" changed.\n`);
    return 0;
  } finally {
    await ds.destroy();
  }
}
