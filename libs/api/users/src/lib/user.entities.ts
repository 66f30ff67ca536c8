import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { BoolColumn, CreatedAtColumn, DateTimeColumn, EnumColumn, IntIdColumn, Role as RoleName, ROLES, RowVersionColumn, StringColumn, UpdatedAtColumn } from '@copilot/api-core';
import { Customer } from '@copilot/api-customers';

/** Reference rows seeded at boot: admin, analyst, scheduler, customer_user. */
@Entity('roles')
@Index('ux_roles_name', ['name'], { unique: true })
export class Role {
  @PrimaryColumn({ type: 'int' })
  id!: number;

  @StringColumn(32)
  name!: RoleName;

  @StringColumn(255)
  description!: string;
}

export const BUILTIN_ACCOUNTS = ['admin', 'scheduler'] as const;
export type BuiltinAccount = (typeof BUILTIN_ACCOUNTS)[number];

@Entity('users')
@Index('ux_users_username', ['username'], { unique: true })
@Index('ux_users_builtin', ['builtin'], { unique: true })
export class User {
  /** Immutable; the JWT `sub`. The username may change. */
  @IntIdColumn()
  id!: number;

  @StringColumn(64)
  username!: string;

  @StringColumn(128, { name: 'display_name', nullable: true })
  displayName!: string | null;

  @StringColumn(254, { nullable: true })
  email!: string | null;

  /** argon2id; null for the scheduler service account, which cannot sign in with a password. */
  @StringColumn(255, { name: 'password_hash', nullable: true })
  passwordHash!: string | null;

  @EnumColumn(ROLES)
  role!: RoleName;

  @ManyToOne(() => Role, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'role', referencedColumnName: 'name', foreignKeyConstraintName: 'fk_users_role' })
  roleRef?: Role;

  @BoolColumn({ default: false })
  disabled!: boolean;

  /** Stable flag for the accounts boot ensures; found by this, never by name. */
  @EnumColumn(BUILTIN_ACCOUNTS, { nullable: true })
  builtin!: BuiltinAccount | null;

  /** Set while the account still uses a generated initial password. */
  @BoolColumn({ name: 'must_change_password', default: false })
  mustChangePassword!: boolean;

  @DateTimeColumn({ name: 'last_login_at', nullable: true })
  lastLoginAt!: Date | null;

  @DateTimeColumn({ name: 'password_changed_at', nullable: true })
  passwordChangedAt!: Date | null;

  @CreatedAtColumn()
  createdAt!: Date;

  @UpdatedAtColumn()
  updatedAt!: Date;

  @RowVersionColumn()
  version!: number;
}

/** Which customers a user may see. For analysts an empty set means all; for customer users, none. */
@Entity('user_customer_access')
@Index('ix_user_customer_access_code', ['customerCode'])
export class UserCustomerAccess {
  @PrimaryColumn({ type: 'int', name: 'user_id' })
  userId!: number;

  @PrimaryColumn({ type: 'varchar', length: 32, name: 'customer_code' })
  customerCode!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_uca_user' })
  user?: User;

  @ManyToOne(() => Customer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'customer_code', referencedColumnName: 'customerCode', foreignKeyConstraintName: 'fk_uca_customer' })
  customer?: Customer;
}

