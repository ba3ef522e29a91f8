import { DataSource } from 'typeorm';
import { freshDatabaseUrl } from '../../../../test/databases.js';
import { READ_MODEL_ENTITIES, READ_MODEL_MIGRATIONS } from '../read-model-data-source.js';
import { TimelineSummaryParts1764000002100 } from './1764000002100-timeline-summary-parts.js';

describe('The timeline summary parts migration', () => {
  it('gives every entry already projected the summary text the projection now stores, past a batch', async () => {
    const url = await freshDatabaseUrl('upgrade');
    const options = { type: 'postgres' as const, url, entities: READ_MODEL_ENTITIES, migrationsTableName: 'read_model_migrations' };
    const before = new DataSource({ ...options, migrations: READ_MODEL_MIGRATIONS.slice(0, READ_MODEL_MIGRATIONS.indexOf(TimelineSummaryParts1764000002100)) });
    await before.initialize();
    await before.runMigrations();
    const reported = { type: 'battles', subType: 'armed_clash', place: 'Kidal', actors: [{ actorId: 'mnla', role: 'perpetrator' }, { actorId: 'fama', role: 'target' }], killed: 36, injured: 0, abducted: 0 };
    await before.query(
      `INSERT INTO timeline_entries (id, incident_id, kind, event_type, stream_id, stream_version, position, recorded_at, recorded_by, summary_code, summary_params)
       SELECT gen_random_uuid(), gen_random_uuid(), 'reported', 'IncidentReported', 'incident-x', 1, n::text, now(), 'monitor', 'incident.reported', $1
       FROM generate_series(1, 5001) AS n`,
      [JSON.stringify(reported)],
    );
    await before.query(
      `INSERT INTO timeline_entries (id, incident_id, kind, event_type, stream_id, stream_version, position, recorded_at, recorded_by, summary_code, summary_params)
       VALUES (gen_random_uuid(), gen_random_uuid(), 'retracted', 'IncidentRetracted', 'incident-y', 2, '1', now(), 'reviewer', 'incident.retracted', $1)`,
      [JSON.stringify({ reason: 'false_report', note: 'Not confirmed.' })],
    );
    await before.destroy();

    const after = new DataSource({ ...options, migrations: READ_MODEL_MIGRATIONS });
    await after.initialize();
    try {
      await after.runMigrations();
      expect(await after.query('SELECT summary_parts AS parts, count(*)::int AS n FROM timeline_entries GROUP BY 1 ORDER BY 2')).toEqual([
        { parts: ['Retracted as a false report — Not confirmed.'], n: 1 },
        { parts: ['Reported: armed clash in Kidal — ', 'actor:mnla', ' against ', 'actor:fama', '; 36 killed'], n: 5001 },
      ]);
    } finally {
      await after.destroy();
    }
  });
});
