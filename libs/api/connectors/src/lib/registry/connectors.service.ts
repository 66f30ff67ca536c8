import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  assertCustomerInScope,
  assertVisible,
  ConflictError,
  Page,
  paginate,
  PreconditionFailedError,
  Principal,
  scopeQuery,
  TenantScope,
} from '@copilot/api-core';
import { CustomersService } from '@copilot/api-customers';
import { missingSettings, type ConnectorName } from './catalogue';
import { Connector } from './connector.entity';
import { checkCaPem, checkExtra, checkUrl, emptyToNull } from './connector-input';
import { ConnectorRegistry, presentFields } from './connector-registry';
import { ConnectorVault } from './connector-vault';
import { checkCredentialFile, decodeUpload } from './credential-file';
import { ConnectorDto, ConnectorFileDto, CreateConnectorDto, ListConnectorsQuery, UpdateConnectorDto } from './dto/connector.dto';

const TLS_WARNING = 'TLS certificate verification is off for this connector: its traffic can be intercepted. Set its CA certificate instead.';

/** Fields that change how the system is reached: changing one makes the last verification stale. */
const CONNECTION_FIELDS: readonly (keyof Connector)[] = ['url', 'username', 'passwordEnc', 'apiKeyEnc', 'fileEnc', 'verifyTls', 'caPem', 'extra'];

@Injectable()
export class ConnectorsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly vault: ConnectorVault,
    private readonly registry: ConnectorRegistry,
    private readonly customers: CustomersService,
  ) {}

  private get repo() {
    return this.db.getRepository(Connector);
  }

  /** Global instances plus the instances of the customers in scope. */
  async list(query: ListConnectorsQuery, scope: TenantScope): Promise<Page<Connector>> {
    const qb = this.repo.createQueryBuilder('c');
    if (scope.kind === 'some') {
      // Global rows are visible to everyone with the route's role; customer rows go through the tenancy helper.
      const owned = scopeQuery(this.repo.createQueryBuilder('o').select('o.id'), scope, 'o.customerCode');
      qb.andWhere(`(c.customerCode IS NULL OR c.id IN (${owned.getQuery()}))`, owned.getParameters());
    }
    if (query.name) qb.andWhere('c.name = :name', { name: query.name });
    if (query.customerCode) {
      assertCustomerInScope(scope, query.customerCode, 'customerCode');
      qb.andWhere('c.customerCode = :customerCode', { customerCode: query.customerCode });
    }
    return paginate(qb, [{ expr: 'c.name', prop: 'name', dir: 'ASC' }, { expr: 'c.id', prop: 'id', dir: 'ASC' }], query, { withTotal: true });
  }

  /** A global row, or a customer row within scope; anything else answers 404. */
  async get(id: number, scope: TenantScope): Promise<Connector> {
    const row = await this.repo.findOne({ where: { id } });
    if (row && row.customerCode === null) return row;
    return assertVisible(row, scope, (c) => c.customerCode, 'Connector', id);
  }

  async create(dto: CreateConnectorDto, principal: Principal): Promise<Connector> {
    const name = dto.name as ConnectorName;
    await this.customers.assertExist([dto.customerCode], principal.scope, 'customerCode');
    const identity = { name, ownerKey: dto.customerCode };
    if (await this.repo.exists({ where: identity })) throw duplicate(name, dto.customerCode);
    const row = this.repo.create({
      ...identity,
      customerCode: dto.customerCode,
      url: checkUrl(dto.url) ?? null,
      username: emptyToNull(dto.username) ?? null,
      passwordEnc: this.vault.seal(identity, 'password', dto.password ?? null),
      apiKeyEnc: this.vault.seal(identity, 'apiKey', dto.apiKey ?? null),
      fileEnc: null,
      fileName: null,
      extra: checkExtra(name, dto.extra) ?? {},
      verifyTls: dto.verifyTls ?? true,
      caPem: checkCaPem(dto.caPem) ?? null,
      verified: false,
      lastVerifiedAt: null,
      lastError: null,
      seededHash: null,
    });
    row.configured = missingSettings(name, presentFields(row)).length === 0;
    try {
      return await this.repo.save(row);
    } catch (err) {
      // A concurrent create of the same instance loses at the unique index.
      if (await this.repo.exists({ where: identity })) throw duplicate(name, dto.customerCode);
      throw err;
    }
  }

  async update(id: number, dto: UpdateConnectorDto, principal: Principal, ifMatch?: number): Promise<Connector> {
    const row = await this.get(id, principal.scope);
    const name = row.name as ConnectorName;
    const changes: Partial<Connector> = {};
    const url = checkUrl(dto.url);
    if (url !== undefined) changes.url = url;
    const username = emptyToNull(dto.username);
    if (username !== undefined) changes.username = username;
    if (dto.password !== undefined) changes.passwordEnc = this.vault.seal(row, 'password', dto.password);
    if (dto.apiKey !== undefined) changes.apiKeyEnc = this.vault.seal(row, 'apiKey', dto.apiKey);
    if (dto.verifyTls !== undefined) changes.verifyTls = dto.verifyTls;
    const caPem = checkCaPem(dto.caPem);
    if (caPem !== undefined) changes.caPem = caPem;
    const extra = checkExtra(name, dto.extra);
    if (extra !== undefined) changes.extra = extra;
    if (dto.file === null) Object.assign(changes, { fileEnc: null, fileName: null });
    return this.patch(row, changes, ifMatch);
  }

  async uploadFile(id: number, dto: ConnectorFileDto, principal: Principal): Promise<Connector> {
    const row = await this.get(id, principal.scope);
    const checked = checkCredentialFile(row.name as ConnectorName, dto.fileName, decodeUpload(dto.fileName, dto.contentBase64));
    return this.patch(row, { fileEnc: this.vault.seal(row, 'file', checked.content), fileName: checked.fileName });
  }

  /** Only a customer's own instance can be deleted; the global ones are the catalogue itself. */
  async delete(id: number, principal: Principal): Promise<void> {
    const row = await this.get(id, principal.scope);
    if (row.customerCode === null) {
      throw new ConflictError(`The global ${row.name} connector cannot be deleted; clear its settings instead`);
    }
    await this.repo.delete({ id: row.id });
  }

  toDto(row: Connector): ConnectorDto {
    return {
      id: row.id,
      name: row.name,
      customerCode: row.customerCode,
      url: row.url,
      username: row.username,
      passwordSet: row.passwordEnc !== null,
      apiKeySet: row.apiKeyEnc !== null,
      fileSet: row.fileEnc !== null,
      fileName: row.fileName,
      extra: row.extra ?? {},
      verifyTls: row.verifyTls,
      tlsWarning: row.verifyTls ? null : TLS_WARNING,
      caPem: row.caPem,
      configured: row.configured,
      supported: this.registry.provider(row.name) !== undefined,
      verified: row.verified,
      lastVerifiedAt: row.lastVerifiedAt,
      lastError: row.lastError,
      version: row.version,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }

  /**
   * Field-level atomic update, guarded by the row version when the client sent If-Match. Recomputes `configured`,
   * and clears the verification when anything about the connection changed.
   */
  private async patch(row: Connector, changes: Partial<Connector>, ifMatch?: number): Promise<Connector> {
    const next = { ...row, ...changes } as Connector;
    changes.configured = missingSettings(row.name as ConnectorName, presentFields(next)).length === 0;
    if (CONNECTION_FIELDS.some((f) => f in changes && JSON.stringify(changes[f]) !== JSON.stringify(row[f]))) {
      Object.assign(changes, { verified: false, lastError: null });
    }
    const qb = this.repo.createQueryBuilder().update(Connector).set(changes).where('id = :id', { id: row.id });
    if (ifMatch !== undefined) qb.andWhere('version = :v', { v: ifMatch });
    const res = await qb.execute();
    if (ifMatch !== undefined && (res.affected ?? 0) === 0) {
      throw new PreconditionFailedError(`Connector ${row.id} was changed by someone else (version ${ifMatch} is stale): reload and retry`);
    }
    return this.repo.findOneOrFail({ where: { id: row.id } });
  }
}

function duplicate(name: string, customerCode: string): ConflictError {
  return new ConflictError(`Customer "${customerCode}" already has its own ${name} connector`, [{ field: 'name', message: 'already exists for this customer' }]);
}
