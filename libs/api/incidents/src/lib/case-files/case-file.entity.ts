import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BigIntColumn, CreatedAtColumn, DateTimeColumn, EnumColumn, IntColumn, StringColumn, UuidEntity } from '@copilot/api-core';
import { Case } from '../cases/case.entity';

export const CASE_FILE_STATES = ['ACTIVE', 'DELETING'] as const;
export type CaseFileState = (typeof CASE_FILE_STATES)[number];

/** Longest file name kept for display and Content-Disposition; the object key uses a shorter, sanitised copy. */
export const CASE_FILE_NAME_MAX = 255;

/**
 * One file of a case's evidence; its bytes live in the `copilot-cases` bucket under `object_key`.
 * The object is written before the row and removed before the row, with the row marked DELETING in
 * between, so the reconcile job can always tell an orphan object or an interrupted delete from a
 * live file. Deleting the case drops the rows (CASCADE); their objects become orphans the job removes.
 */
@Entity('case_files')
@Index('ix_case_files_case_created', ['caseId', 'createdAt', 'id'])
@Index('ux_case_files_object_key', ['objectKey'], { unique: true })
@Index('ix_case_files_state', ['state'])
export class CaseFile extends UuidEntity {
  @IntColumn({ name: 'case_id' })
  caseId!: number;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_files_case' })
  case?: Case;

  /** The name as uploaded (no separators or control characters: those are refused). */
  @StringColumn(CASE_FILE_NAME_MAX)
  name!: string;

  @StringColumn(255, { name: 'object_key' })
  objectKey!: string;

  @StringColumn(255, { name: 'content_type' })
  contentType!: string;

  @BigIntColumn()
  size!: number;

  /** Lower-case hex SHA-256 of the stored bytes, computed while they streamed in. */
  @StringColumn(64)
  sha256!: string;

  @IntColumn({ name: 'uploaded_by_id', nullable: true })
  uploadedById!: number | null;

  /** Username at the time, so the record survives the user's later rename or deletion. */
  @StringColumn(64, { name: 'uploaded_by' })
  uploadedBy!: string;

  @EnumColumn(CASE_FILE_STATES, { default: 'ACTIVE' })
  state!: CaseFileState;

  @CreatedAtColumn()
  createdAt!: Date;

  /** When a delete started; set together with state DELETING. */
  @DateTimeColumn({ name: 'deleting_since', nullable: true })
  deletingSince!: Date | null;
}
