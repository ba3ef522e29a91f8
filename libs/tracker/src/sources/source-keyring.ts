import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';

export interface SourceRef {
  incidentId: string;
  sourceId: string;
}

interface KeyRow {
  incident_id: string;
  source_id: string;
  key: Buffer;
}

const keyOf = ({ incidentId, sourceId }: SourceRef) => `${incidentId}/${sourceId}`;

/**
 * One AES-256 key per source, kept outside the event store in a table that, unlike the events,
 * may lose keys: deleting a key is how a source is forgotten. The row stays, keyless, so that
 * the erased source's id can never be given a fresh key (which would make every earlier event
 * of the incident unreadable).
 */
export class SourceKeyring {
  /** `warn` hears of a sealed reference its key cannot open (it then reads as erased). */
  constructor(
    private readonly db: DataSource,
    readonly warn: (line: string) => void,
  ) {}

  /** The keys of these sources, made for those that never had one (an erased source gets none). */
  async keysFor(sources: SourceRef[], create: boolean): Promise<Map<string, Buffer>> {
    if (sources.length === 0) return new Map();
    const incidentIds = sources.map((s) => s.incidentId);
    const sourceIds = sources.map((s) => s.sourceId);
    let rows: KeyRow[] = [];
    if (create) {
      // One statement: the keys made now, and those there before (the statement's snapshot does
      // not show the rows it inserts, so no key is answered twice).
      rows = await this.db.query(
        `WITH asked AS (SELECT * FROM unnest($1::uuid[], $2::text[], $3::bytea[]) AS a(incident_id, source_id, key)),
         made AS (INSERT INTO secrets.source_keys (incident_id, source_id, key) SELECT * FROM asked ON CONFLICT DO NOTHING
                  RETURNING incident_id, source_id, key)
         SELECT * FROM made
         UNION ALL
         SELECT k.incident_id, k.source_id, k.key FROM secrets.source_keys k JOIN asked a USING (incident_id, source_id) WHERE k.key IS NOT NULL`,
        [incidentIds, sourceIds, sources.map(() => randomBytes(32))],
      );
      const keys = new Map(rows.map((r) => [keyOf({ incidentId: r.incident_id, sourceId: r.source_id }), r.key]));
      // A key another request made meanwhile is not in this statement's snapshot: read it.
      if (sources.every((source) => keys.has(keyOf(source)))) return keys;
    }
    rows = await this.db.query(
      `SELECT k.incident_id, k.source_id, k.key FROM secrets.source_keys k
       JOIN unnest($1::uuid[], $2::text[]) AS u(i, s) ON k.incident_id = u.i AND k.source_id = u.s
       WHERE k.key IS NOT NULL`,
      [incidentIds, sourceIds],
    );
    return new Map(rows.map((r) => [keyOf({ incidentId: r.incident_id, sourceId: r.source_id }), r.key]));
  }

  /** Deletes the key for good; VACUUM reclaims the old row version's bytes from the table's pages too. */
  async erase(source: SourceRef): Promise<void> {
    await this.db.query(
      `INSERT INTO secrets.source_keys (incident_id, source_id, key) VALUES ($1, $2, NULL)
       ON CONFLICT (incident_id, source_id) DO UPDATE SET key = NULL`,
      [source.incidentId, source.sourceId],
    );
    await this.db.query('VACUUM secrets.source_keys');
  }
}

export { keyOf as sourceKeyName };
