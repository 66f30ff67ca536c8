import { createDataSource } from '../database/data-source';
import { pendingSchemaChanges, scratchDatabase } from '../database/migration-tools';

const dialect = process.env['TEST_DB'] === 'mysql' ? 'mysql' : 'sqlite';

describe(`migrations on ${dialect}`, () => {
  it('apply on an empty database and leave no difference from the entities (no drift)', async () => {
    const scratch = await scratchDatabase(dialect);
    const ds = createDataSource(scratch.db);
    try {
      await ds.initialize();
      const applied = await ds.runMigrations({ transaction: 'each' });
      expect(applied.length).toBeGreaterThan(0);
      const diff = await pendingSchemaChanges(ds);
      expect(diff.up).toEqual([]);
      // Re-running is a no-op: boot applies migrations on every start.
      expect(await ds.runMigrations({ transaction: 'each' })).toEqual([]);
    } finally {
      if (ds.isInitialized) await ds.destroy();
      await scratch.drop();
    }
  });

  it('keeps the two dialect folders in step: same migration names in the same order', async () => {
    const { MYSQL_MIGRATIONS } = await import('../database/migrations/mysql');
    const { SQLITE_MIGRATIONS } = await import('../database/migrations/sqlite');
    expect(MYSQL_MIGRATIONS.map((m) => m.name)).toEqual(SQLITE_MIGRATIONS.map((m) => m.name));
  });
});
