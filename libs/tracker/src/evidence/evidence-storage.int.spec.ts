import { randomBytes, randomUUID } from 'node:crypto';
import { migrateReadModels, readModelDataSource } from '#read-models';
import type { DataSource } from 'typeorm';
import { freshDatabaseUrl } from '../../../../test/databases.js';
import { postgresEvidenceFiles, type EvidenceFiles } from './evidence-files.js';
import { EvidenceKeyring } from './evidence-keyring.js';
import { EvidenceStorage } from './evidence-storage.js';
import { s3EvidenceFiles } from './s3-evidence-files.js';

/**
 * The same behaviour wherever the bytes are kept. PostgreSQL always runs; the S3-compatible store
 * only when one is configured (EVIDENCE_S3_BUCKET, with EVIDENCE_S3_ENDPOINT for MinIO and the
 * AWS_* credentials): otherwise jest reports that suite as skipped, and no server is faked.
 */
const bucket = process.env.EVIDENCE_S3_BUCKET;
const backends: [string, (db: DataSource) => EvidenceFiles, boolean][] = [
  ['PostgreSQL', (db) => postgresEvidenceFiles(db), true],
  ['an S3-compatible store', () => s3EvidenceFiles({ bucket: bucket ?? '', endpoint: process.env.EVIDENCE_S3_ENDPOINT, region: process.env.EVIDENCE_S3_REGION ?? 'us-east-1' }), !!bucket],
];

describe.each(backends)('Evidence kept in %s', (_name, filesOn, configured) => {
  const maybe = configured ? it : it.skip;
  let db: DataSource;
  let storage: EvidenceStorage;
  let files: EvidenceFiles;

  beforeAll(async () => {
    db = readModelDataSource(await freshDatabaseUrl('evidence'));
    await db.initialize();
    await migrateReadModels(db);
    files = filesOn(db);
    storage = new EvidenceStorage(new EvidenceKeyring(db), files);
  });
  afterAll(() => db.destroy());

  const ref = () => ({ incidentId: randomUUID(), evidenceId: randomUUID() });

  maybe('gives back the bytes kept, and stores only ciphertext', async () => {
    const at = ref();
    const bytes = Buffer.concat([Buffer.from('statement of a witness: '), randomBytes(2000)]);
    await storage.keep(at, bytes);
    expect(await storage.open(at)).toEqual({ status: 'readable', bytes });
    const sealed = (await files.get(at))!;
    expect(sealed.includes(Buffer.from('statement of a witness'))).toBe(false);
    expect(sealed.length).toBe(bytes.length + 28);
  });

  maybe('says a file changed in storage is altered, and one never kept is missing', async () => {
    const at = ref();
    await storage.keep(at, Buffer.from('original bytes'));
    const sealed = (await files.get(at))!;
    sealed[sealed.length - 1] ^= 1;
    await files.put(at, sealed);
    expect(await storage.open(at)).toEqual({ status: 'altered' });
    const never = ref();
    await new EvidenceKeyring(db).keyFor(never, true);
    expect(await storage.open(never)).toEqual({ status: 'missing' });
  });

  maybe('erases for good: the key and the bytes go, and the id never holds a file again', async () => {
    const at = ref();
    await storage.keep(at, Buffer.from('to be erased'));
    await storage.erase(at);
    expect(await storage.open(at)).toEqual({ status: 'erased' });
    expect(await files.get(at)).toBeUndefined();
    await expect(storage.keep(at, Buffer.from('again'))).rejects.toMatchObject({ code: 'evidence_erased' });
  });
});
