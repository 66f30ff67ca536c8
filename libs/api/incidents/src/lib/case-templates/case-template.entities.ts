import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BoolColumn, CreatedAtColumn, IntColumn, IntIdColumn, RowVersionColumn, StringColumn, TextColumn, UpdatedAtColumn } from '@copilot/api-core';
import { Customer } from '@copilot/api-customers';
import { TASK_TITLE_MAX } from '../cases/case.types';

/**
 * A case template: tasks copied into every new case it matches. customerCode and source are each
 * optional; `match_key` ("<customer>|<source>", empty for either when unset, source lower-cased)
 * is unique, so each combination (including the default, "|") has at most one template and the
 * choice for a new case is one indexed lookup. A plain unique index over the two nullable columns
 * would not do: NULLs never collide on either dialect.
 */
@Entity('case_templates')
@Index('ux_case_templates_match', ['matchKey'], { unique: true })
@Index('ix_case_templates_name', ['name', 'id'])
@Index('ix_case_templates_customer', ['customerCode'])
export class CaseTemplate {
  @IntIdColumn()
  id!: number;

  @StringColumn(128)
  name!: string;

  @TextColumn({ nullable: true })
  description!: string | null;

  @StringColumn(32, { name: 'customer_code', nullable: true })
  customerCode!: string | null;

  @ManyToOne(() => Customer, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'customer_code', referencedColumnName: 'customerCode', foreignKeyConstraintName: 'fk_case_templates_customer' })
  customer?: Customer | null;

  @StringColumn(64, { nullable: true })
  source!: string | null;

  @StringColumn(100, { name: 'match_key' })
  matchKey!: string;

  @CreatedAtColumn()
  createdAt!: Date;

  @UpdatedAtColumn()
  updatedAt!: Date;

  @RowVersionColumn()
  version!: number;
}

@Entity('case_template_tasks')
@Index('ix_case_template_tasks_template', ['templateId', 'position'])
export class CaseTemplateTask {
  @IntIdColumn()
  id!: number;

  @IntColumn({ name: 'template_id' })
  templateId!: number;

  @ManyToOne(() => CaseTemplate, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'template_id', foreignKeyConstraintName: 'fk_case_template_tasks_template' })
  template?: CaseTemplate;

  /** Order of the tasks as given; copied into cases in this order. */
  @IntColumn()
  position!: number;

  @StringColumn(TASK_TITLE_MAX)
  title!: string;

  @TextColumn({ nullable: true })
  description!: string | null;

  @BoolColumn({ default: false })
  mandatory!: boolean;
}
