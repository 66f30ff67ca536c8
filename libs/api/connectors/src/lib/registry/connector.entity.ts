import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import {
  BoolColumn,
  CreatedAtColumn,
  DateTimeColumn,
  IntIdColumn,
  JsonColumn,
  RowVersionColumn,
  StringColumn,
  TextColumn,
  UpdatedAtColumn,
} from '@copilot/api-core';
import { Customer } from '@copilot/api-customers';

/** `ownerKey` of the global instance of a connector. Never a customer code (those start with a letter or digit). */
export const GLOBAL_OWNER = '*';

/**
 * One instance of a catalogue connector: the global one (customerCode null, seeded from the environment) or a
 * customer's own. Credentials are stored sealed (SecretBox) in the *_enc columns and never leave the api.
 */
@Entity('connectors')
@Index('ux_connectors_name_owner', ['name', 'ownerKey'], { unique: true })
export class Connector {
  @IntIdColumn()
  id!: number;

  /** Catalogue name, e.g. `Wazuh-Indexer`. */
  @StringColumn(32)
  name!: string;

  /** The owning customer; null = the global instance. */
  @StringColumn(32, { name: 'customer_code', nullable: true })
  customerCode!: string | null;

  @ManyToOne(() => Customer, { onDelete: 'RESTRICT', nullable: true, createForeignKeyConstraints: true })
  @JoinColumn({ name: 'customer_code', referencedColumnName: 'customerCode', foreignKeyConstraintName: 'fk_connectors_customer' })
  customer?: Customer | null;

  /**
   * customerCode, or `*` for the global instance. A unique index treats NULLs as distinct on both MySQL and
   * SQLite, so (name, customerCode) alone would allow two global rows of one name; this NOT NULL twin closes that.
   */
  @StringColumn(32, { name: 'owner_key' })
  ownerKey!: string;

  @StringColumn(2048, { nullable: true })
  url!: string | null;

  @StringColumn(255, { nullable: true })
  username!: string | null;

  @TextColumn({ name: 'password_enc', nullable: true })
  passwordEnc!: string | null;

  @TextColumn({ name: 'api_key_enc', nullable: true })
  apiKeyEnc!: string | null;

  /** A credential file such as Velociraptor's api-client YAML (it holds a private key), sealed. */
  @TextColumn({ name: 'file_enc', nullable: true })
  fileEnc!: string | null;

  @StringColumn(255, { name: 'file_name', nullable: true })
  fileName!: string | null;

  /** Connector-specific settings (INFLUXDB_ORG, PORTAINER_ENDPOINT_ID, ...). */
  @JsonColumn()
  extra!: Record<string, string>;

  @BoolColumn({ name: 'verify_tls', default: true })
  verifyTls!: boolean;

  /** PEM of the CA that signed the system's certificate (public, so stored in clear). */
  @TextColumn({ name: 'ca_pem', nullable: true })
  caPem!: string | null;

  /** Has everything its catalogue entry needs; a configured connector is used whether or not verified. */
  @BoolColumn({ default: false })
  configured!: boolean;

  @BoolColumn({ default: false })
  verified!: boolean;

  @DateTimeColumn({ name: 'last_verified_at', nullable: true })
  lastVerifiedAt!: Date | null;

  @TextColumn({ name: 'last_error', nullable: true })
  lastError!: string | null;

  /**
   * Keyed fingerprint of the environment values this global row was last seeded with. While the row's current
   * values still match it, boot applies new environment values; once an operator edits the row it no longer
   * matches and boot keeps the edit.
   */
  @StringColumn(64, { name: 'seeded_hash', nullable: true })
  seededHash!: string | null;

  @CreatedAtColumn()
  createdAt!: Date;

  @UpdatedAtColumn()
  updatedAt!: Date;

  @RowVersionColumn()
  version!: number;
}
