import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The timeline's usual question — the current versions of the incidents that occurred in a window,
 * in occurred order — as one range scan of a small index, in the order the answer needs.
 */
export class TimelineCurrentIndex1764000000210 implements MigrationInterface {
  name = 'TimelineCurrentIndex1764000000210';

  async up(db: QueryRunner): Promise<void> {
    await db.query('CREATE INDEX incident_versions_current_occurred ON incident_versions (occurred_at, reported_at, id) WHERE valid_to IS NULL');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX incident_versions_current_occurred');
  }
}
