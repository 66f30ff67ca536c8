export * from './lib/config/config.schema';
export * from './lib/config/app-config';
export { writePrivateFile } from './lib/config/secrets';
export * from './lib/database/columns';
export * from './lib/database/data-source-options';
export * from './lib/errors/domain-errors';
export * from './lib/errors/problem';
export { ProblemFilter } from './lib/errors/problem.filter';
export * from './lib/tenancy/tenancy';
export * from './lib/http/list';
export { simplePage, type SimplePageSpec } from './lib/http/simple-page';
export { dtoSchema, PageResponse } from './lib/http/response-schema';
export * from './lib/http/params';
export * from './lib/auth/principal';
export { AuditLogEntry, AUDIT_OUTCOMES } from './lib/audit/audit-log.entity';
export type { AuditOutcome } from './lib/audit/audit-log.entity';
export { AuditService } from './lib/audit/audit.service';
export type { AuditRecord } from './lib/audit/audit.service';
export { registerAuditHook } from './lib/audit/audit-hook';
export * from './lib/scheduler/job';
export { JobRegistry } from './lib/scheduler/job-registry';
export { LeaseService } from './lib/scheduler/lease.service';
export { SchedulerService } from './lib/scheduler/scheduler.service';
export * from './lib/scheduler/scheduler.entities';
export * from './lib/storage';
export { CoreModule } from './lib/core.module';
export * from './lib/outbound';
export * from './lib/crypto/secret-box';
export * from './lib/database/like';
export {
  driverParams, insertRows, insertRowsWithIds, insertSql, insertStatement, isDuplicateKey, isForeignKeyViolation, parameterWriter, readDate, runStatement,
  serverGivesConsecutiveIds, sqlDialectOf, updateFromRowsSql, updateFromRowsStatement, type SqlCell, type SqlDialect, type SqlFragment, type SqlStatement,
  type ValueWriter,
} from './lib/database/raw-sql';
export { ScriptConnection, type ScriptResult } from './lib/database/script-connection';
export { AppValidationPipe } from './lib/http/validation.pipe';
