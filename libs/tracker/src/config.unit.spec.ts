import { readConfig } from './config.js';

describe('Configuration', () => {
  it('listens on loopback unless HOST says otherwise', () => {
    expect(readConfig({}).host).toBe('127.0.0.1');
    expect(readConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('says what the data covers as TRACKER_CONTEXT tells, the demo set’s coverage otherwise', () => {
    expect(readConfig({}).context).toBe('Northern Mali, 2012–2015');
    expect(readConfig({ TRACKER_CONTEXT: ' Mali, 2012–2024 (ACLED) ' }).context).toBe('Mali, 2012–2024 (ACLED)');
  });

  it('takes uploads up to IMPORT_MAX_MB (1 GiB unless set) and refuses a limit that is no size', () => {
    expect(readConfig({}).uploads.maxBytes).toBe(1024 * 1024 * 1024);
    expect(readConfig({ IMPORT_MAX_MB: '5' }).uploads.maxBytes).toBe(5 * 1024 * 1024);
    expect(() => readConfig({ IMPORT_MAX_MB: '0' })).toThrow(/IMPORT_MAX_MB/);
    expect(readConfig({ IMPORT_UPLOAD_DIR: '/var/tmp/uploads' }).uploads.directory).toBe('/var/tmp/uploads');
  });

  it('keeps evidence in PostgreSQL, at most 25 MiB a file, unless told otherwise; an S3 store needs its bucket', () => {
    expect(readConfig({}).evidence).toEqual({ maxBytes: 26_214_400 });
    expect(readConfig({ EVIDENCE_MAX_BYTES: '1000', EVIDENCE_STORAGE: 's3', EVIDENCE_S3_BUCKET: 'evidence', EVIDENCE_S3_ENDPOINT: 'http://minio:9000' }).evidence).toEqual({
      maxBytes: 1000,
      s3: { bucket: 'evidence', endpoint: 'http://minio:9000', region: 'us-east-1' },
    });
    expect(() => readConfig({ EVIDENCE_STORAGE: 's3' })).toThrow(/EVIDENCE_S3_BUCKET/);
    expect(() => readConfig({ EVIDENCE_MAX_BYTES: '25MB' })).toThrow(/EVIDENCE_MAX_BYTES/);
    expect(() => readConfig({ EVIDENCE_STORAGE: 'disk' })).toThrow(/EVIDENCE_STORAGE/);
  });
});
