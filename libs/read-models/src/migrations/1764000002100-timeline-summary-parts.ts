import type { MigrationInterface, QueryRunner } from 'typeorm';
import { summaryTextParts, type TimelineSummaryCode } from '../timeline/timeline-summary.js';

const BATCH = 5000;

/**
 * Each timeline entry keeps its summary in English, with the names left as references
 * (`summaryTextParts`), so that the timeline's query writes an entry's JSON without Node building
 * it. Entries already there get the text the projection would have written (a rebuild gives the same).
 */
export class TimelineSummaryParts1764000002100 implements MigrationInterface {
  name = 'TimelineSummaryParts1764000002100';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE timeline_entries ADD COLUMN summary_parts text[]');
    for (let after = '00000000-0000-0000-0000-000000000000'; ; ) {
      const rows: { id: string; summary_code: TimelineSummaryCode; summary_params: Record<string, never> }[] = await db.query(
        'SELECT id, summary_code, summary_params FROM timeline_entries WHERE id > $1 ORDER BY id LIMIT $2',
        [after, BATCH],
      );
      if (!rows.length) break;
      await db.query(
        `UPDATE timeline_entries e SET summary_parts = ARRAY(SELECT jsonb_array_elements_text(x.parts))
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, parts jsonb) WHERE e.id = x.id`,
        [JSON.stringify(rows.map((row) => ({ id: row.id, parts: summaryTextParts({ code: row.summary_code, params: row.summary_params }) })))],
      );
      after = rows[rows.length - 1].id;
    }
    await db.query('ALTER TABLE timeline_entries ALTER COLUMN summary_parts SET NOT NULL');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE timeline_entries DROP COLUMN summary_parts');
  }
}
