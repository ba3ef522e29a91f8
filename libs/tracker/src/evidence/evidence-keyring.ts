import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** Which file of which incident. */
export interface EvidenceRef {
  incidentId: string;
  evidenceId: string;
}

/**
 * One AES-256 key per file, kept apart from the bytes (schema `secrets`) and from the events:
 * deleting it is how a file is erased. The row stays, keyless, so an erased file's id never gets
 * a key again.
 */
export class EvidenceKeyring {
  constructor(private readonly db: DataSource) {}

  /** The file's key, made when it has none yet; undefined once it has been erased. */
  async keyFor(ref: EvidenceRef, create: boolean): Promise<Buffer | undefined> {
    if (create) {
      await this.db.query(
        'INSERT INTO secrets.evidence_keys (evidence_id, incident_id, key) VALUES ($1, $2, $3) ON CONFLICT (evidence_id) DO NOTHING',
        [ref.evidenceId, ref.incidentId, randomBytes(32)],
      );
    }
    const rows: { key: Buffer | null }[] = await this.db.query('SELECT key FROM secrets.evidence_keys WHERE evidence_id = $1 AND incident_id = $2', [
      ref.evidenceId,
      ref.incidentId,
    ]);
    return rows[0]?.key ?? undefined;
  }

  /** Deletes the key for good; VACUUM reclaims the old row version's bytes from the table's pages. */
  async erase(ref: EvidenceRef): Promise<void> {
    await this.db.query(
      `INSERT INTO secrets.evidence_keys (evidence_id, incident_id, key) VALUES ($1, $2, NULL)
       ON CONFLICT (evidence_id) DO UPDATE SET key = NULL`,
      [ref.evidenceId, ref.incidentId],
    );
    await this.db.query('VACUUM secrets.evidence_keys');
  }
}
