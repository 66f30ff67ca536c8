import Database from 'better-sqlite3';
import { createConnection } from 'mysql2/promise';
import type { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config';
import { applyDialect, Dialect } from './columns';

export type EntityList = MixedList<string | (new () => unknown) | EntitySchema>;
export type MigrationList = MixedList<string | (new () => unknown)>;

export function dialectOf(db: DatabaseConfig): Dialect {
  return db.type === 'mysql' ? 'mysql' : 'sqlite';
}

/**
 * TypeORM options for either dialect. `synchronize` is always off: the schema only ever changes
 * through the committed migrations, which a test checks against the entities on both dialects.
 */
export function buildDataSourceOptions(db: DatabaseConfig, entities: EntityList, migrations: MigrationList): DataSourceOptions {
  applyDialect(dialectOf(db));
  const common = { entities, migrations, synchronize: false, migrationsRun: false, logging: false as const, migrationsTransactionMode: 'each' as const };
  if (db.type === 'mysql') {
    return {
      ...common,
      // TypeORM reads MariaDB's information_schema differently (e.g. DEFAULT NULL), so the
      // flavour must match the server or the drift check sees phantom changes.
      type: db.flavor === 'mariadb' ? 'mariadb' : 'mysql',
      url: db.url.replace(/^mariadb:/, 'mysql:'),
      // Store and read datetimes as UTC regardless of the server's zone.
      timezone: 'Z',
      charset: 'utf8mb4_unicode_ci',
      supportBigNumbers: true,
      bigNumberStrings: false,
      extra: { connectionLimit: 10 },
    };
  }
  return {
    ...common,
    type: 'better-sqlite3',
    // Passed explicitly so the bundler sees the dependency (TypeORM would require it by name).
    driver: Database,
    database: db.path,
    // WAL lets readers proceed while the scheduler writes; busy_timeout rides out short write locks.
    prepareDatabase: (conn: { pragma: (s: string) => unknown }) => {
      conn.pragma('journal_mode = WAL');
      conn.pragma('busy_timeout = 5000');
      conn.pragma('foreign_keys = ON');
    },
  };
}

/**
 * Boot step 2a: create the MySQL database when missing (idempotent), and learn whether the server
 * is MySQL or MariaDB (recorded on `db.flavor`). Returns true if the database was created.
 */
export async function ensureMysqlDatabase(db: Extract<DatabaseConfig, { type: 'mysql' }>): Promise<boolean> {
  const url = new URL(db.url.replace(/^mariadb:/, 'mysql:'));
  const conn = await createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  });
  try {
    const [version] = await conn.query('SELECT VERSION() AS v');
    db.flavor = Array.isArray(version) && /mariadb/i.test(String((version[0] as { v?: unknown })?.v)) ? 'mariadb' : 'mysql';
    const [rows] = await conn.query('SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [db.database]);
    if (Array.isArray(rows) && rows.length > 0) return false;
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${db.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    return true;
  } finally {
    await conn.end();
  }
}
