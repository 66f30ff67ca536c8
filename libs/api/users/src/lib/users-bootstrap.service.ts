import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { AppConfig, writePrivateFile } from '@copilot/api-core';
import { PasswordService } from './password/password.service';
import { Role, User } from './user.entities';

const ROLE_ROWS: Role[] = [
  { id: 1, name: 'admin', description: 'Full access, including users and settings' },
  { id: 2, name: 'analyst', description: 'Works alerts and cases, optionally limited to some customers' },
  { id: 3, name: 'scheduler', description: 'Service account recorded as the actor of scheduled work' },
  { id: 4, name: 'customer_user', description: 'Customer portal access to its own customers only' },
];

/** Boot steps 4 (roles) and 5 (admin and scheduler accounts). Each is idempotent. */
@Injectable()
export class UsersBootstrap {
  private readonly logger = new Logger('Boot');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly passwords: PasswordService,
  ) {}

  /** Inserts missing roles; existing rows (and any operator edits to descriptions) are kept. */
  async seedRoles(): Promise<number> {
    const before = await this.db.getRepository(Role).count();
    for (const role of ROLE_ROWS) {
      await this.db.createQueryBuilder().insert().into(Role).values(role).orIgnore().execute();
    }
    return (await this.db.getRepository(Role).count()) - before;
  }

  /**
   * The scheduler account is found by its flag. The bootstrap admin is created only when no admin
   * exists at all, so renaming or deleting `admin` (with another admin present) never brings back
   * a second one with a new password.
   */
  async ensureBuiltinUsers(): Promise<void> {
    const users = this.db.getRepository(User);
    if (!(await users.exists({ where: { builtin: 'scheduler' } }))) {
      await users.insert({ username: await this.freeName('scheduler'), role: 'scheduler', builtin: 'scheduler', passwordHash: null, displayName: 'Scheduler', disabled: false, mustChangePassword: false });
      this.logger.log('created the scheduler service account');
    }
    if (await users.exists({ where: { role: 'admin' } })) {
      await this.removeInitialPasswordFileIfUsed();
      return;
    }
    const fromEnv = this.config.adminPassword;
    const password = fromEnv ?? randomBytes(18).toString('base64url');
    await users.insert({
      username: await this.freeName('admin'), role: 'admin', builtin: 'admin', passwordHash: await this.passwords.hash(password),
      displayName: 'Administrator', disabled: false, mustChangePassword: !fromEnv, passwordChangedAt: new Date(),
    });
    if (fromEnv) {
      this.logger.log('created user "admin" with the password from COPILOT_ADMIN_PASSWORD');
    } else {
      writePrivateFile(this.config.initialAdminPasswordFile, `${password}\n`);
      this.logger.warn(`created user "admin"; its initial password is in ${this.config.initialAdminPasswordFile} (readable by this user only). The file is removed once the password is changed.`);
    }
  }

  /** Removes the initial-password file once no account still uses that generated password. */
  async removeInitialPasswordFileIfUsed(): Promise<void> {
    const file = this.config.initialAdminPasswordFile;
    if (!existsSync(file)) return;
    const stillInitial = await this.db.getRepository(User).exists({ where: { builtin: 'admin', mustChangePassword: true } });
    if (!stillInitial) {
      rmSync(file, { force: true });
      this.logger.log(`removed ${file}: the initial admin password has been changed`);
    }
  }

  private async freeName(base: string): Promise<string> {
    const users = this.db.getRepository(User);
    for (let i = 0; ; i++) {
      const name = i === 0 ? base : `${base}${i}`;
      if (!(await users.exists({ where: { username: name } }))) return name;
    }
  }
}
