import { randomUUID } from 'node:crypto';
import { BeforeInsert, Column, ColumnOptions, CreateDateColumn, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { ValueTransformer } from 'typeorm';
import { readDate } from './raw-sql';

/**
 * Column helpers: the only place dialect differences live, so one entity serves MySQL/MariaDB and
 * SQLite. JSON is stored as text with a transformer (MariaDB reports native JSON as LONGTEXT, which
 * shows as false drift); datetimes are UTC with millisecond precision; enums are plain strings.
 */
export type Dialect = 'mysql' | 'sqlite';

interface DialectTyped {
  options: ColumnOptions;
  perDialect: Record<Dialect, Partial<ColumnOptions>>;
}
const dialectTyped: DialectTyped[] = [];

/** Sets the per-dialect SQL types and defaults before the DataSource builds its metadata. */
export function applyDialect(dialect: Dialect): void {
  for (const c of dialectTyped) Object.assign(c.options, c.perDialect[dialect]);
}

/** Registers column options that differ by dialect; the returned object is what TypeORM keeps. */
function dialectOptions(options: ColumnOptions, perDialect: Record<Dialect, Partial<ColumnOptions>>): ColumnOptions {
  const merged: ColumnOptions = { ...options, ...perDialect.sqlite };
  dialectTyped.push({ options: merged, perDialect });
  return merged;
}

function dialectColumn(types: Record<Dialect, ColumnOptions['type']>, options: ColumnOptions): PropertyDecorator {
  return Column(dialectOptions(options, { mysql: { type: types.mysql }, sqlite: { type: types.sqlite } }));
}

const json: ValueTransformer = {
  to: (v: unknown) => (v === undefined ? undefined : v === null ? null : JSON.stringify(v)),
  from: (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v ?? null),
};

/** JSON document stored as text (LONGTEXT on MySQL, TEXT on SQLite). */
export function JsonColumn(options: { nullable?: boolean; name?: string } = {}): PropertyDecorator {
  return dialectColumn({ mysql: 'longtext', sqlite: 'text' }, { ...options, transformer: json });
}

/** Long free text (descriptions, notes, data URLs). */
export function TextColumn(options: { nullable?: boolean; name?: string } = {}): PropertyDecorator {
  return dialectColumn({ mysql: 'mediumtext', sqlite: 'text' }, options);
}

export function StringColumn(length: number, options: { nullable?: boolean; name?: string; default?: string; unique?: boolean } = {}): PropertyDecorator {
  return Column({ type: 'varchar', length, ...options });
}

/** An enum stored as a string, so adding a value never needs an ALTER on either dialect. */
export function EnumColumn(values: readonly string[], options: { nullable?: boolean; name?: string; default?: string } = {}): PropertyDecorator {
  const length = Math.max(16, ...values.map((v) => v.length));
  return Column({ type: 'varchar', length, ...options });
}

export function IntColumn(options: { nullable?: boolean; name?: string; default?: number } = {}): PropertyDecorator {
  return Column({ type: 'int', ...options });
}

export function BigIntColumn(options: { nullable?: boolean; name?: string; default?: number } = {}): PropertyDecorator {
  const toNumber: ValueTransformer = { to: (v: unknown) => v, from: (v: unknown) => (v === null || v === undefined ? v : Number(v)) };
  return Column({ type: 'bigint', transformer: toNumber, ...options });
}

export function BoolColumn(options: { name?: string; default?: boolean } = {}): PropertyDecorator {
  return Column({ type: 'boolean', ...options });
}

const utcDate: ValueTransformer = {
  to: (v: unknown) => v,
  from: (v: unknown) => (v === null || v === undefined ? null : readDate(v)),
};

export function DateTimeColumn(options: { nullable?: boolean; name?: string } = {}): PropertyDecorator {
  return Column({ type: 'datetime', precision: 3, transformer: utcDate, ...options });
}

// MySQL's defaults must match the column's precision (3), or the server stores them rewritten and
// every drift check reports a change; SQLite keeps TypeORM's own default.
const now3 = () => 'CURRENT_TIMESTAMP(3)';
const sqliteNow = () => "datetime('now')";

export function CreatedAtColumn(): PropertyDecorator {
  return CreateDateColumn(
    dialectOptions({ type: 'datetime', precision: 3, name: 'created_at', transformer: utcDate }, { mysql: { default: now3 }, sqlite: { default: sqliteNow } }),
  );
}

export function UpdatedAtColumn(): PropertyDecorator {
  return UpdateDateColumn(
    dialectOptions(
      { type: 'datetime', precision: 3, name: 'updated_at', transformer: utcDate },
      { mysql: { default: now3, onUpdate: 'CURRENT_TIMESTAMP(3)' }, sqlite: { default: sqliteNow, onUpdate: undefined } },
    ),
  );
}

/** Row version for If-Match / 412 on concurrent edits. */
export function RowVersionColumn(): PropertyDecorator {
  return VersionColumn({ type: 'int', default: 1 });
}

/** Integer ids for things people name aloud (customers, alerts, cases). */
export function IntIdColumn(): PropertyDecorator {
  return PrimaryGeneratedColumn({ type: 'int' });
}

/** UUID ids for files and runs; generated in code so both dialects store the same varchar(36). */
export function UuidIdColumn(): PropertyDecorator {
  return PrimaryColumn({ type: 'varchar', length: 36 });
}

/** Base for UUID-keyed entities: fills the id before insert when the caller did not. */
export abstract class UuidEntity {
  @UuidIdColumn()
  id!: string;

  @BeforeInsert()
  protected assignId(): void {
    if (!this.id) this.id = randomUUID();
  }
}
