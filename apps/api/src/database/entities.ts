import { AuditLogEntry, JobMetadata, JobRun, Lease } from '@copilot/api-core';
import { LoginThrottleRow } from '@copilot/api-auth';
import { Connector } from '@copilot/api-connectors';
import { Customer } from '@copilot/api-customers';
import {
  Alert, AlertAsset, AlertComment, AlertContext, AlertEvent, AlertIoc, AlertOrigin, AlertSource, AlertTag, Case, CaseAlert, CaseComment, CaseEvent, CaseTask, CaseTemplate,
  CaseTemplateTask, CaseFile,
} from '@copilot/api-incidents';
import { Role, User, UserCustomerAccess } from '@copilot/api-users';

/** Every domain's entities: only the composition root knows them all. */
export const ENTITIES = [AuditLogEntry, JobMetadata, JobRun, Lease, LoginThrottleRow, Customer, Role, User, UserCustomerAccess, Connector, Alert, AlertTag, AlertComment, AlertEvent, AlertSource, AlertAsset, AlertIoc, AlertContext, AlertOrigin,
  CaseTemplate, CaseTemplateTask, Case, CaseAlert, CaseComment, CaseTask, CaseEvent, CaseFile];
