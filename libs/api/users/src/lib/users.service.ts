import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { ALL_TENANTS, ConflictError, ForbiddenError, LIKE_ESCAPE, likePattern, NotFoundError, Page, paginate, Principal, TenantScope } from '@copilot/api-core';
import { CustomersService } from '@copilot/api-customers';
import { CreateUserDto, ListUsersQuery, UpdateUserDto, UserDto } from './dto/user.dto';
import { PasswordService } from './password/password.service';
import { User, UserCustomerAccess } from './user.entities';

/** How long a re-read user row is reused; short, so a disable or role change applies at once. */
const AUTH_CACHE_MS = 2_000;

@Injectable()
export class UsersService {
  private readonly authCache = new Map<number, { at: number; principal: Principal | null }>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly customers: CustomersService,
    private readonly passwords: PasswordService,
  ) {}

  private get repo() {
    return this.db.getRepository(User);
  }

  /** The principal for a token's `sub`, re-read from the database (briefly cached). Null = refuse. */
  async principalFor(id: number): Promise<Principal | null> {
    const hit = this.authCache.get(id);
    if (hit && Date.now() - hit.at < AUTH_CACHE_MS) return hit.principal;
    const user = await this.repo.findOne({ where: { id } });
    const principal = user && !user.disabled ? { id: user.id, username: user.username, role: user.role, scope: await this.scopeOf(user) } : null;
    this.authCache.set(id, { at: Date.now(), principal });
    return principal;
  }

  /** Tenant scope from the user's customer access rows (never from token claims). */
  async scopeOf(user: Pick<User, 'id' | 'role'>): Promise<TenantScope> {
    if (user.role === 'admin' || user.role === 'scheduler') return ALL_TENANTS;
    const codes = await this.customerCodesOf(user.id);
    if (user.role === 'analyst' && codes.length === 0) return ALL_TENANTS;
    return { kind: 'some', codes };
  }

  async customerCodesOf(userId: number): Promise<string[]> {
    const rows = await this.db.getRepository(UserCustomerAccess).find({ where: { userId }, order: { customerCode: 'ASC' } });
    return rows.map((r) => r.customerCode);
  }

  findByUsername(username: string): Promise<User | null> {
    return this.repo.findOne({ where: { username } });
  }

  findById(id: number): Promise<User | null> {
    return this.repo.findOne({ where: { id } });
  }

  async list(query: ListUsersQuery): Promise<Page<UserDto>> {
    const qb = this.repo.createQueryBuilder('u');
    if (query.q) {
      const q = likePattern(query.q.toLowerCase(), 'contains');
      qb.andWhere(`(LOWER(u.username) LIKE :q ${LIKE_ESCAPE} OR LOWER(u.displayName) LIKE :q ${LIKE_ESCAPE} OR LOWER(u.email) LIKE :q ${LIKE_ESCAPE})`, { q });
    }
    const page = await paginate(qb, [{ expr: 'u.id', prop: 'id', dir: 'ASC' }], query, { withTotal: true });
    const access = await this.db.getRepository(UserCustomerAccess).find({ where: { userId: In(page.items.map((u) => u.id).concat(0)) } });
    return { ...page, items: page.items.map((u) => toDto(u, access.filter((a) => a.userId === u.id).map((a) => a.customerCode))) };
  }

  async get(id: number): Promise<UserDto> {
    const user = await this.findById(id);
    if (!user) throw new NotFoundError(`User ${id} not found`);
    return toDto(user, await this.customerCodesOf(id));
  }

  async create(dto: CreateUserDto): Promise<UserDto> {
    this.passwords.assertAcceptable(dto.password, 'password', dto.username);
    const codes = [...new Set(dto.customerCodes ?? [])];
    await this.customers.assertExist(codes, ALL_TENANTS, 'customerCodes');
    if (await this.repo.exists({ where: { username: dto.username } })) {
      throw new ConflictError(`Username "${dto.username}" is taken`, [{ field: 'username', message: 'already taken' }]);
    }
    const passwordHash = await this.passwords.hash(dto.password);
    const id = await this.db.transaction(async (tx) => {
      const res = await tx.getRepository(User).insert({
        username: dto.username, displayName: dto.displayName ?? null, email: dto.email || null, role: dto.role,
        passwordHash, disabled: false, builtin: null, mustChangePassword: false, passwordChangedAt: new Date(), lastLoginAt: null,
      });
      const newId = Number(res.identifiers[0]['id']);
      await this.writeAccess(tx, newId, codes);
      return newId;
    });
    return this.get(id);
  }

  async update(id: number, dto: UpdateUserDto, actor: Principal): Promise<UserDto> {
    const user = await this.mutable(id);
    const demotes = dto.role !== undefined && dto.role !== 'admin' && user.role === 'admin';
    const disables = dto.disabled === true && user.role === 'admin' && !user.disabled;
    if ((demotes || disables) && (await this.otherActiveAdmins(id)) === 0) {
      throw new ConflictError('This is the last active admin: promote another user to admin first');
    }
    if (dto.disabled === true && id === actor.id) throw new ConflictError('You cannot disable your own account');
    if (dto.username && dto.username !== user.username && (await this.repo.exists({ where: { username: dto.username } }))) {
      throw new ConflictError(`Username "${dto.username}" is taken`, [{ field: 'username', message: 'already taken' }]);
    }
    const patch: Partial<User> = {};
    if (dto.username !== undefined) patch.username = dto.username;
    if (dto.displayName !== undefined) patch.displayName = dto.displayName;
    if (dto.email !== undefined) patch.email = dto.email || null;
    if (dto.role !== undefined) patch.role = dto.role;
    if (dto.disabled !== undefined) patch.disabled = dto.disabled;
    if (Object.keys(patch).length > 0) await this.repo.update({ id }, patch);
    this.authCache.delete(id);
    return this.get(id);
  }

  async setCustomers(id: number, codes: string[]): Promise<UserDto> {
    await this.mutable(id);
    const unique = [...new Set(codes)];
    await this.customers.assertExist(unique, ALL_TENANTS, 'customerCodes');
    await this.db.transaction(async (tx) => {
      await tx.getRepository(UserCustomerAccess).delete({ userId: id });
      await this.writeAccess(tx, id, unique);
    });
    this.authCache.delete(id);
    return this.get(id);
  }

  async setPassword(id: number, password: string, opts: { field: string; mustChange?: boolean }): Promise<void> {
    const user = await this.mutable(id);
    this.passwords.assertAcceptable(password, opts.field, user.username);
    await this.repo.update({ id }, { passwordHash: await this.passwords.hash(password), passwordChangedAt: new Date(), mustChangePassword: opts.mustChange ?? false });
  }

  async delete(id: number, actor: Principal): Promise<void> {
    const user = await this.mutable(id);
    if (id === actor.id) throw new ConflictError('You cannot delete your own account');
    if (user.role === 'admin' && !user.disabled && (await this.otherActiveAdmins(id)) === 0) {
      throw new ConflictError('This is the last active admin and cannot be deleted');
    }
    await this.repo.delete({ id });
    this.authCache.delete(id);
  }

  /** For assignment pickers: people who work alerts and cases. */
  async assignable(): Promise<Pick<User, 'id' | 'username' | 'displayName'>[]> {
    return this.repo.find({ select: { id: true, username: true, displayName: true }, where: { disabled: false, role: In(['admin', 'analyst']) }, order: { username: 'ASC' } });
  }

  async recordLogin(id: number): Promise<void> {
    await this.repo.update({ id }, { lastLoginAt: new Date() });
  }

  private async mutable(id: number): Promise<User> {
    const user = await this.findById(id);
    if (!user) throw new NotFoundError(`User ${id} not found`);
    if (user.builtin === 'scheduler') throw new ForbiddenError('The scheduler service account is managed by CoPilot itself');
    return user;
  }

  private otherActiveAdmins(id: number): Promise<number> {
    return this.repo.createQueryBuilder('u').where('u.role = :r AND u.disabled = :d AND u.id <> :id', { r: 'admin', d: false, id }).getCount();
  }

  private async writeAccess(tx: EntityManager, userId: number, codes: string[]): Promise<void> {
    if (codes.length > 0) await tx.getRepository(UserCustomerAccess).insert(codes.map((customerCode) => ({ userId, customerCode })));
  }
}

function toDto(u: User, customerCodes: string[]): UserDto {
  return {
    id: u.id, username: u.username, displayName: u.displayName, email: u.email, role: u.role, disabled: u.disabled, builtin: u.builtin,
    customerCodes, lastLoginAt: u.lastLoginAt, createdAt: u.createdAt, updatedAt: u.updatedAt,
  };
}
