import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import {
  assertVisible, LIKE_ESCAPE, likePattern, BadInputError, ConflictError, Page, paginate, PreconditionFailedError, Principal, scopeQuery, TenantScope, unknownCustomer,
} from '@copilot/api-core';
import { Customer } from './customer.entity';
import { CreateCustomerDto, ListCustomersQuery, PatchCustomerDto } from './dto/customer.dto';

@Injectable()
export class CustomersService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private get repo() {
    return this.db.getRepository(Customer);
  }

  async list(query: ListCustomersQuery, scope: TenantScope): Promise<Page<Customer>> {
    const qb = scopeQuery(this.repo.createQueryBuilder('c'), scope);
    if (!query.includeInactive) qb.andWhere('c.active = :active', { active: true });
    if (query.q) {
      qb.andWhere(`(LOWER(c.name) LIKE :q ${LIKE_ESCAPE} OR c.customerCode LIKE :q ${LIKE_ESCAPE})`, { q: likePattern(query.q.toLowerCase(), 'contains') });
    }
    return paginate(qb, [{ expr: 'c.name', prop: 'name', dir: 'ASC' }, { expr: 'c.id', prop: 'id', dir: 'ASC' }], query, { withTotal: true });
  }

  async get(id: number, scope: TenantScope): Promise<Customer> {
    const row = await this.repo.findOne({ where: { id } });
    return assertVisible(row, scope, (c) => c.customerCode, 'Customer', id);
  }

  /** Existing codes among `codes`, within scope; used by other domains to validate references. */
  async findByCodes(codes: readonly string[], scope: TenantScope): Promise<Customer[]> {
    if (codes.length === 0) return [];
    return scopeQuery(this.repo.createQueryBuilder('c'), scope).andWhere('c.customerCode IN (:...codes)', { codes: [...codes] }).getMany();
  }

  /** Throws the unknown-customer 400 for the first code that does not exist or is out of scope. */
  async assertExist(codes: readonly string[], scope: TenantScope, field: string): Promise<void> {
    // A limited scope lists only existing customers (its access rows reference them, ON DELETE RESTRICT), so
    // codes inside it need no query: this runs on every filtered list request.
    if (scope.kind === 'some' && codes.every((c) => scope.codes.includes(c))) return;
    if (codes.length === 0) return;
    const rows = await scopeQuery(this.repo.createQueryBuilder('c'), scope).select('c.customerCode', 'code').andWhere('c.customerCode IN (:...codes)', { codes: [...codes] }).getRawMany<{ code: string }>();
    const found = new Set(rows.map((r) => r.code));
    const missing = codes.find((c) => !found.has(c));
    if (missing !== undefined) throw unknownCustomer(missing, field);
  }

  async create(dto: CreateCustomerDto, principal: Principal): Promise<Customer> {
    if (dto.parentCustomerCode) await this.assertExist([dto.parentCustomerCode], principal.scope, 'parentCustomerCode');
    if (await this.repo.exists({ where: { customerCode: dto.customerCode } })) {
      throw new ConflictError(`A customer with code "${dto.customerCode}" already exists`, [{ field: 'customerCode', message: 'already exists' }]);
    }
    const row = this.repo.create({ ...emptyMeta(), ...dto, active: true });
    try {
      return await this.repo.save(row);
    } catch (err) {
      // A concurrent create of the same code loses at the unique index.
      if (await this.repo.exists({ where: { customerCode: dto.customerCode } })) {
        throw new ConflictError(`A customer with code "${dto.customerCode}" already exists`);
      }
      throw err;
    }
  }

  async update(id: number, dto: PatchCustomerDto, principal: Principal, ifMatch?: number): Promise<Customer> {
    const current = await this.get(id, principal.scope);
    if (dto.parentCustomerCode) {
      if (dto.parentCustomerCode === current.customerCode) {
        throw new BadInputError('A customer cannot be its own parent', [{ field: 'parentCustomerCode', message: 'cannot be the customer itself' }]);
      }
      await this.assertExist([dto.parentCustomerCode], principal.scope, 'parentCustomerCode');
    }
    return this.patch(current, dto, ifMatch);
  }

  async setActive(id: number, active: boolean, principal: Principal): Promise<Customer> {
    const current = await this.get(id, principal.scope);
    return this.patch(current, { active });
  }

  /** Field-level atomic update guarded by the row version when the client sent If-Match. */
  private async patch(current: Customer, fields: Partial<Customer>, ifMatch?: number): Promise<Customer> {
    const qb = this.repo.createQueryBuilder().update(Customer).set(fields).where('id = :id', { id: current.id });
    if (ifMatch !== undefined) qb.andWhere('version = :v', { v: ifMatch });
    const res = await qb.execute();
    if (ifMatch !== undefined && (res.affected ?? 0) === 0) {
      throw new PreconditionFailedError(`Customer ${current.id} was changed by someone else (version ${ifMatch} is stale): reload and retry`);
    }
    return this.repo.findOneOrFail({ where: { id: current.id } });
  }

  /**
   * Delete only a customer that owns nothing. Every entity with a `customerCode` column counts,
   * found from the ORM metadata, so a domain added later is covered without touching this code.
   */
  async delete(id: number, principal: Principal): Promise<void> {
    const customer = await this.get(id, principal.scope);
    const owned: string[] = [];
    for (const meta of this.db.entityMetadatas) {
      const columns = meta.columns.filter((c) => c.databaseName === 'customer_code' || c.databaseName === 'parent_customer_code');
      for (const col of columns) {
        if (meta.target === Customer && col.databaseName === 'customer_code') continue;
        const n = await this.db.createQueryBuilder().from(meta.target, 't').where(`t.${col.propertyPath} = :code`, { code: customer.customerCode }).getCount();
        if (n > 0) owned.push(`${n} ${meta.tableName.replace(/_/g, ' ')}`);
      }
    }
    if (owned.length > 0) {
      throw new ConflictError(`Customer "${customer.customerCode}" still owns data (${owned.join(', ')}): deactivate it instead`);
    }
    await this.repo.delete({ id: customer.id });
  }

  async namesFor(codes: readonly string[]): Promise<{ customerCode: string; name: string }[]> {
    if (codes.length === 0) return [];
    const rows = await this.repo.find({ where: { customerCode: In([...codes]) }, order: { name: 'ASC' } });
    return rows.map((c) => ({ customerCode: c.customerCode, name: c.name }));
  }
}

function emptyMeta(): Partial<Customer> {
  return { type: null, parentCustomerCode: null, contactName: null, contactEmail: null, contactPhone: null, address: null, notes: null, logo: null };
}
