import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import {
  BoolColumn, CreatedAtColumn, DateTimeColumn, EnumColumn, IntColumn, IntIdColumn, RowVersionColumn, StringColumn, TextColumn, UpdatedAtColumn,
} from '@copilot/api-core';
import { Customer } from '@copilot/api-customers';
import { User } from '@copilot/api-users';
import { CaseTemplate } from '../case-templates/case-template.entities';
import { CASE_NAME_MAX, CASE_STATUSES, CaseStatus } from './case.types';

/**
 * A tenant-owned case. The list indexes end in (created_at, id), the list's keyset, so each common
 * filter (customer+status, status, assignee) pages without a sort over the table. created_at is
 * written by the service (not the column default), so SQLite keeps milliseconds like MariaDB and
 * cursors compare equal on both.
 */
@Entity('cases')
@Index('ix_cases_customer_status_created', ['customerCode', 'status', 'createdAt', 'id'])
@Index('ix_cases_status_created', ['status', 'createdAt', 'id'])
@Index('ix_cases_created', ['createdAt', 'id'])
@Index('ix_cases_assignee_created', ['assigneeId', 'createdAt', 'id'])
@Index('ix_cases_template', ['templateId'])
export class Case {
  @IntIdColumn()
  id!: number;

  @StringColumn(CASE_NAME_MAX)
  name!: string;

  @TextColumn({ nullable: true })
  description!: string | null;

  @EnumColumn(CASE_STATUSES, { default: 'OPEN' })
  status!: CaseStatus;

  @DateTimeColumn({ name: 'closed_at', nullable: true })
  closedAt!: Date | null;

  @StringColumn(32, { name: 'customer_code' })
  customerCode!: string;

  @ManyToOne(() => Customer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'customer_code', referencedColumnName: 'customerCode', foreignKeyConstraintName: 'fk_cases_customer' })
  customer?: Customer;

  @IntColumn({ name: 'assignee_id', nullable: true })
  assigneeId!: number | null;

  // Deleting a user un-assigns their cases instead of blocking the deletion.
  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'assignee_id', foreignKeyConstraintName: 'fk_cases_assignee' })
  assignee?: User | null;

  @BoolColumn({ default: false })
  escalated!: boolean;

  /** Where the case comes from (the alert source for cases made from alerts); picks the template. */
  @StringColumn(64, { nullable: true })
  source!: string | null;

  /** The template whose tasks were copied in at creation; a deleted template leaves the tasks. */
  @IntColumn({ name: 'template_id', nullable: true })
  templateId!: number | null;

  @ManyToOne(() => CaseTemplate, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'template_id', foreignKeyConstraintName: 'fk_cases_template' })
  template?: CaseTemplate | null;

  @CreatedAtColumn()
  createdAt!: Date;

  @UpdatedAtColumn()
  updatedAt!: Date;

  @RowVersionColumn()
  version!: number;
}
