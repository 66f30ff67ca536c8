import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BoolColumn, CreatedAtColumn, IntIdColumn, RowVersionColumn, StringColumn, TextColumn, UpdatedAtColumn } from '@copilot/api-core';

@Entity('customers')
@Index('ux_customers_code', ['customerCode'], { unique: true })
@Index('ix_customers_name', ['name', 'id'])
export class Customer {
  @IntIdColumn()
  id!: number;

  /** Unique slug fixed at creation: every tenant-owned row carries it. */
  @StringColumn(32, { name: 'customer_code' })
  customerCode!: string;

  @StringColumn(128)
  name!: string;

  @StringColumn(64, { nullable: true })
  type!: string | null;

  @StringColumn(32, { name: 'parent_customer_code', nullable: true })
  parentCustomerCode!: string | null;

  @ManyToOne(() => Customer, { onDelete: 'RESTRICT', nullable: true, createForeignKeyConstraints: true })
  @JoinColumn({ name: 'parent_customer_code', referencedColumnName: 'customerCode', foreignKeyConstraintName: 'fk_customers_parent' })
  parent?: Customer | null;

  @StringColumn(128, { name: 'contact_name', nullable: true })
  contactName!: string | null;

  @StringColumn(254, { name: 'contact_email', nullable: true })
  contactEmail!: string | null;

  @StringColumn(64, { name: 'contact_phone', nullable: true })
  contactPhone!: string | null;

  @TextColumn({ nullable: true })
  address!: string | null;

  @TextColumn({ nullable: true })
  notes!: string | null;

  /** A data: URL (PNG/JPEG/WebP, size-checked); small enough to keep in the row. */
  @TextColumn({ nullable: true })
  logo!: string | null;

  @BoolColumn({ default: true })
  active!: boolean;

  @CreatedAtColumn()
  createdAt!: Date;

  @UpdatedAtColumn()
  updatedAt!: Date;

  @RowVersionColumn()
  version!: number;
}
