import { DataSource } from 'typeorm';
import { freshDatabaseUrl } from '../../../../test/databases.js';
import { READ_MODEL_ENTITIES, READ_MODEL_MIGRATIONS } from '../read-model-data-source.js';
import { Security1764000000900 } from './1764000000900-security.js';

describe('The security migration', () => {
  it('starts the projections that held source references in clear again, from empty tables, and leaves the others', async () => {
    const url = await freshDatabaseUrl('upgrade');
    const before = new DataSource({
      type: 'postgres',
      url,
      entities: READ_MODEL_ENTITIES,
      // The database as it was before this migration: later ones (evidence keys) need its schema.
      migrations: READ_MODEL_MIGRATIONS.slice(0, READ_MODEL_MIGRATIONS.indexOf(Security1764000000900)),
      migrationsTableName: 'read_model_migrations',
    });
    await before.initialize();
    await before.runMigrations();
    await before.query(`INSERT INTO projection_checkpoints (name, position) VALUES ('incidents', 'p1'), ('timeline', 'p1'), ('actors', 'p1')`);
    await before.query(`INSERT INTO timeline_reviews (review_id, incident_id) VALUES ('r1', gen_random_uuid())`);
    await before.query(`CREATE SCHEMA rebuild_incidents`);
    await before.destroy();

    const after = new DataSource({ type: 'postgres', url, entities: READ_MODEL_ENTITIES, migrations: READ_MODEL_MIGRATIONS, migrationsTableName: 'read_model_migrations' });
    await after.initialize();
    try {
      await after.runMigrations();
      expect(await after.query('SELECT name, position FROM projection_checkpoints ORDER BY name')).toEqual([
        { name: 'actors', position: 'p1' },
        { name: 'incidents', position: '' },
        { name: 'timeline', position: '' },
      ]);
      expect(await after.query('SELECT * FROM timeline_reviews')).toEqual([]);
      expect(await after.query(`SELECT 1 FROM pg_namespace WHERE nspname = 'rebuild_incidents'`)).toEqual([]);
    } finally {
      await after.destroy();
    }
  });
});
