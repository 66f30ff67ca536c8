import { DataSource, DataSourceOptions } from 'typeorm';
import { buildDataSourceOptions, DatabaseConfig } from '@copilot/api-core';
import { ENTITIES } from './entities';
import { MYSQL_MIGRATIONS } from './migrations/mysql';
import { SQLITE_MIGRATIONS } from './migrations/sqlite';

/** The composed options: all entities, and the migrations of the configured dialect. */
export function dataSourceOptions(db: DatabaseConfig): DataSourceOptions {
  return buildDataSourceOptions(db, ENTITIES, db.type === 'mysql' ? MYSQL_MIGRATIONS : SQLITE_MIGRATIONS);
}

export function createDataSource(db: DatabaseConfig): DataSource {
  return new DataSource(dataSourceOptions(db));
}
