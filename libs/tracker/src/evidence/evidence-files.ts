import type { DataSource } from 'typeorm';
import type { EvidenceRef } from './evidence-keyring.js';

/** Where the encrypted bytes of evidence files are kept: PostgreSQL by default, or an S3-compatible store. */
export interface EvidenceFiles {
  readonly kind: 'postgres' | 's3';
  put(ref: EvidenceRef, sealed: Buffer): Promise<void>;
  /** The sealed bytes, or undefined when there are none. */
  get(ref: EvidenceRef): Promise<Buffer | undefined>;
  delete(ref: EvidenceRef): Promise<void>;
}

/** The bytes in the table `evidence_files` of the tracker's own database. */
export function postgresEvidenceFiles(db: DataSource): EvidenceFiles {
  return {
    kind: 'postgres',
    async put(ref, sealed) {
      await db.query(
        `INSERT INTO evidence_files (evidence_id, incident_id, bytes) VALUES ($1, $2, $3)
         ON CONFLICT (evidence_id) DO UPDATE SET bytes = EXCLUDED.bytes, stored_at = now()`,
        [ref.evidenceId, ref.incidentId, sealed],
      );
    },
    async get(ref) {
      const rows: { bytes: Buffer }[] = await db.query('SELECT bytes FROM evidence_files WHERE evidence_id = $1 AND incident_id = $2', [
        ref.evidenceId,
        ref.incidentId,
      ]);
      return rows[0]?.bytes;
    },
    async delete(ref) {
      await db.query('DELETE FROM evidence_files WHERE evidence_id = $1 AND incident_id = $2', [ref.evidenceId, ref.incidentId]);
      await db.query('VACUUM evidence_files');
    },
  };
}
