import { createHash } from 'node:crypto';
import { evidenceReport, verifyEvidence } from '#tracker';
import { exifOf, isoMedia, pdfDocument, photoWithGps, pngImage, wavRecording } from '../../../test/evidence-files.js';
import { kidalReport } from '../../../test/fixtures.js';
import { startTestTracker, type SignedClient, type TestTracker } from '../../../test/tracker.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const MAX_BYTES = 200_000;
const CAPTION_MARKER = 'taken-by-Ag-Intallah-cousin';

/** supertest buffers binary answers only when told how. */
const binary = (response: import('superagent').Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
};

describe('Evidence over HTTP', () => {
  let tracker: TestTracker;
  let monitor: SignedClient;
  let reviewer: SignedClient;
  let analyst: SignedClient;
  let incidentId: string;

  const stored = async () => {
    const [{ files }] = await tracker.readModels.query('SELECT count(*)::int AS files FROM evidence_files');
    const [{ keys }] = await tracker.readModels.query('SELECT count(*)::int AS keys FROM secrets.evidence_keys');
    return { files, keys, events: await tracker.eventCount() };
  };

  const attach = (client: SignedClient, bytes: Buffer, options: { type?: string; name?: string; fields?: Record<string, string>; key?: string; incident?: string } = {}) => {
    const request = client.post(`/api/incidents/${options.incident ?? incidentId}/evidence`);
    if (options.key) request.set('Idempotency-Key', options.key);
    for (const [name, value] of Object.entries(options.fields ?? {})) request.field(name, value);
    return request.attach('file', bytes, { filename: options.name ?? 'photo.jpg', contentType: options.type ?? 'image/jpeg' });
  };

  const download = (client: SignedClient, path: string) => client.get(path).buffer(true).parse(binary);

  beforeAll(async () => {
    tracker = await startTestTracker({ evidence: { maxBytes: MAX_BYTES } });
    await tracker.registerActors(['mnla', 'fama']);
    monitor = await tracker.client('monitor');
    reviewer = await tracker.client('reviewer');
    analyst = await tracker.client('analyst');
    incidentId = (await monitor.post('/api/incidents').send(kidalReport()).expect(201)).body.id;
  });
  afterAll(() => tracker.close());

  it('serves a confidential photo without its GPS position or camera, and records the original’s hash', async () => {
    const original = await photoWithGps();
    expect(await exifOf(original)).toEqual({ exif: true, gps: true });

    const created = await attach(monitor, original, { fields: { caption: 'Burnt vehicle', confidential: 'true' } }).expect(201);
    expect(created.body).toMatchObject({ evidenceId: expect.any(String), sha256: sha256(original), version: 2 });

    const served = await download(reviewer, `/api/incidents/${incidentId}/evidence/${created.body.evidenceId}`).expect(200);
    const bytes = served.body as Buffer;
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(await exifOf(bytes)).toEqual({ exif: false, gps: false });
    expect(bytes.includes(Buffer.from('PhoneX-Witness'))).toBe(false);
    expect(served.headers['repr-digest']).toBe(`sha-256=:${createHash('sha256').update(bytes).digest('base64')}:`);
    expect(served.headers['x-original-sha256']).toBe(sha256(original));

    const history = await reviewer.get(`/api/incidents/${incidentId}/history`).expect(200);
    expect(history.body.events.at(-1)).toMatchObject({
      type: 'EvidenceAttached',
      recordedBy: 'monitor-1',
      data: { sha256: sha256(original), size: original.length, mediaType: 'image/jpeg', stripped: true, storedSha256: sha256(bytes), confidential: true },
    });
    const record = await reviewer.get(`/api/incidents/${incidentId}`).query({ minPosition: created.body.position }).expect(200);
    expect(record.body.evidence).toEqual([expect.objectContaining({ evidenceId: created.body.evidenceId, caption: 'Burnt vehicle', stripped: true })]);

    const thumbnail = await download(reviewer, `/api/incidents/${incidentId}/evidence/${created.body.evidenceId}/thumbnail`).expect(200);
    expect(thumbnail.headers['content-type']).toBe('image/jpeg');
    expect(await exifOf(thumbnail.body)).toEqual({ exif: false, gps: false });
  });

  it('keeps a public file as it came unless asked to strip it, and strips it on request', async () => {
    const original = await photoWithGps('#3a3');
    const kept = await attach(monitor, original, { fields: { caption: 'market' } }).expect(201);
    const served = await download(analyst, `/api/incidents/${incidentId}/evidence/${kept.body.evidenceId}`).expect(200);
    expect(sha256(served.body)).toBe(sha256(original));

    const stripped = await attach(monitor, original, { fields: { strip: 'true' } }).expect(201);
    const copy = await download(analyst, `/api/incidents/${incidentId}/evidence/${stripped.body.evidenceId}`).expect(200);
    expect(await exifOf(copy.body)).toEqual({ exif: false, gps: false });
    expect(copy.headers['x-original-sha256']).toBe(sha256(original));
  });

  it('accepts a PDF, and refuses to strip what it cannot rewrite, naming the field', async () => {
    const pdf = pdfDocument();
    const created = await attach(monitor, pdf, { type: 'application/pdf', name: 'statement.pdf' }).expect(201);
    const served = await download(reviewer, `/api/incidents/${incidentId}/evidence/${created.body.evidenceId}`).expect(200);
    expect(served.headers['content-type']).toBe('application/pdf');
    expect(sha256(served.body)).toBe(sha256(pdf));
    await reviewer.get(`/api/incidents/${incidentId}/evidence/${created.body.evidenceId}/thumbnail`).expect(404);

    const before = await stored();
    const refused = await attach(monitor, pdf, { type: 'application/pdf', fields: { strip: 'true' } }).expect(400);
    expect(refused.body).toMatchObject({ code: 'metadata_not_removable', errors: [{ field: 'strip' }] });
    expect(await stored()).toEqual(before);
  });

  it('takes recordings, videos and HEIC photos by their content, and a confidential HEIC only unstripped', async () => {
    const files: [Buffer, string, string][] = [
      [wavRecording(), 'audio/x-wav', 'audio/wav'],
      [isoMedia('M4A ', 'M4A isom'), 'audio/mp4', 'audio/mp4'],
      [isoMedia('isom', 'isomiso2mp41'), 'video/mp4', 'video/mp4'],
      [isoMedia('qt'), 'video/quicktime', 'video/quicktime'],
      [isoMedia('heic', 'mif1heic'), 'image/heic', 'image/heic'],
      [isoMedia('heic', 'mif1heic'), 'application/octet-stream', 'image/heic'],
    ];
    for (const [bytes, declared, recorded] of files) {
      const created = await attach(monitor, bytes, { type: declared, name: 'file' }).expect(201);
      const served = await reviewer.get(`/api/incidents/${incidentId}/evidence/${created.body.evidenceId}`).buffer(true).parse(binary).expect(200);
      expect({ declared, type: served.headers['content-type'] }).toEqual({ declared, type: recorded });
    }
    const heic = isoMedia('heic', 'mif1heic');
    const refused = await attach(monitor, heic, { type: 'image/heic', fields: { confidential: 'true' } }).expect(400);
    expect(refused.body).toMatchObject({ code: 'metadata_not_removable', errors: [{ field: 'strip' }] });
    await attach(monitor, heic, { type: 'image/heic', fields: { confidential: 'true', strip: 'false' } }).expect(201);
  });

  it('refuses a file whose content is not its declared type with 400 naming the field, and stores nothing', async () => {
    const before = await stored();
    const mismatch = await attach(monitor, await pngImage(), { type: 'image/jpeg', name: 'photo.jpg' }).expect(400);
    expect(mismatch.body).toMatchObject({ code: 'evidence_type_mismatch', errors: [{ field: 'file' }] });
    expect(mismatch.headers['content-type']).toMatch(/application\/problem\+json/);

    const script = await attach(monitor, Buffer.from('#!/bin/sh\necho hello\n'), { type: 'image/jpeg' }).expect(400);
    expect(script.body).toMatchObject({ code: 'evidence_type_not_allowed', errors: [{ field: 'file' }] });
    const none = await monitor.post(`/api/incidents/${incidentId}/evidence`).field('caption', 'no file').expect(400);
    expect(none.body).toMatchObject({ code: 'file_required', errors: [{ field: 'file' }] });
    const large = await attach(monitor, Buffer.alloc(MAX_BYTES + 1, 1)).expect(413);
    expect(large.body).toMatchObject({ code: 'file_too_large', errors: [{ field: 'file' }] });
    expect(await stored()).toEqual(before);
  });

  it('lets a monitor attach only to their own reports', async () => {
    const others = (await reviewer.post('/api/incidents').send(kidalReport()).expect(201)).body.id;
    const before = await stored();
    const refused = await attach(monitor, await photoWithGps(), { incident: others }).expect(403);
    expect(refused.body.code).toBe('not_your_report');
    await attach(analyst, await photoWithGps(), { incident: others }).expect(403);
    expect(await stored()).toEqual(before);
    await attach(reviewer, await photoWithGps(), { incident: others }).expect(201);
  });

  it('appends once for a retried upload, and refuses the key with another file', async () => {
    const photo = await photoWithGps('#33a');
    const first = await attach(monitor, photo, { key: 'upload-1' }).expect(201);
    const before = await stored();
    const again = await attach(monitor, photo, { key: 'upload-1' }).expect(201);
    expect(again.body).toEqual(first.body);
    expect(await stored()).toEqual(before);
    const other = await attach(monitor, await photoWithGps('#3aa'), { key: 'upload-1' }).expect(422);
    expect(other.body.code).toBe('idempotency_key_reused');
    expect(await stored()).toEqual(before);
  });

  it('shows an analyst that confidential evidence exists, never its content, caption or bytes; exports leave it out', async () => {
    const created = await attach(reviewer, await photoWithGps(), { fields: { caption: CAPTION_MARKER, confidential: 'true' } }).expect(201);
    const path = `/api/incidents/${incidentId}/evidence/${created.body.evidenceId}`;
    expect((await analyst.get(path).expect(403)).body.code).toBe('evidence_confidential');
    expect((await analyst.get(`${path}/thumbnail`).expect(403)).body.code).toBe('evidence_confidential');
    expect((await monitor.get(path).expect(403)).body.code).toBe('evidence_confidential');
    await download(await tracker.client('admin'), path).expect(200);

    const record = await analyst.get(`/api/incidents/${incidentId}`).query({ minPosition: created.body.position }).expect(200);
    expect(record.body.evidence.find((e: { evidenceId: string }) => e.evidenceId === created.body.evidenceId)).toMatchObject({
      confidential: true,
      caption: '[confidential]',
    });
    const history = await analyst.get(`/api/incidents/${incidentId}/history`).expect(200);
    expect(JSON.stringify(history.body)).not.toContain(CAPTION_MARKER);
    expect(JSON.stringify(record.body)).not.toContain(CAPTION_MARKER);
    for (const format of ['csv', 'geojson']) {
      const exported = await reviewer.get('/api/incidents/export').query({ format, minPosition: created.body.position }).expect(200);
      expect(exported.text).not.toContain(CAPTION_MARKER);
      expect(exported.text).not.toContain(created.body.evidenceId);
    }
  });

  it('erases a file: its bytes are unreadable and gone, its attachment stays in the history', async () => {
    const original = await photoWithGps('#aa3');
    const created = await attach(monitor, original, { fields: { caption: 'checkpoint', confidential: 'true' } }).expect(201);
    const ref = { incidentId, evidenceId: created.body.evidenceId };
    const path = `/api/incidents/${incidentId}/evidence/${ref.evidenceId}`;
    await monitor.post(`${path}/erasure`).expect(403);

    const erased = await reviewer.post(`${path}/erasure`).expect(200);
    expect(erased.body).toMatchObject({ version: expect.any(Number) });
    expect((await reviewer.get(path).expect(410)).body.code).toBe('evidence_erased');
    expect(await tracker.evidence.open(ref)).toEqual({ status: 'erased' });
    expect(await tracker.readModels.query('SELECT 1 FROM evidence_files WHERE evidence_id = $1', [ref.evidenceId])).toEqual([]);
    expect(await tracker.readModels.query('SELECT key FROM secrets.evidence_keys WHERE evidence_id = $1', [ref.evidenceId])).toEqual([{ key: null }]);
    expect((await reviewer.post(`${path}/erasure`).expect(422)).body.code).toBe('evidence_erased');

    const history = await reviewer.get(`/api/incidents/${incidentId}/history`).expect(200);
    const mine = history.body.events.filter((e: { data: { evidenceId?: string } }) => e.data.evidenceId === ref.evidenceId);
    expect(mine).toEqual([
      expect.objectContaining({ type: 'EvidenceAttached', data: expect.objectContaining({ sha256: sha256(original) }) }),
      expect.objectContaining({ type: 'EvidenceErased', recordedBy: 'reviewer-1' }),
    ]);
    const record = await reviewer.get(`/api/incidents/${incidentId}`).query({ minPosition: erased.body.position }).expect(200);
    expect(record.body.evidence.find((e: { evidenceId: string }) => e.evidenceId === ref.evidenceId)).toMatchObject({ erased: true, sha256: sha256(original) });
  });

  it('evidence:verify names a file altered in storage, and passes when every file matches its event', async () => {
    const clean = evidenceReport(await verifyEvidence(tracker.store, tracker.evidence));
    expect(clean.exitCode).toBe(0);
    expect(clean.lines.at(-1)).toMatch(/^\d+ file\(s\) checked, 0 mismatch\(es\), 1 erased$/);

    const created = await attach(monitor, pdfDocument(), { type: 'application/pdf' }).expect(201);
    // Someone with access to the table flips one byte of the stored (encrypted) file.
    await tracker.readModels.query(
      `UPDATE evidence_files SET bytes = overlay(bytes PLACING decode(lpad(to_hex(get_byte(bytes, 40) # 1), 2, '0'), 'hex') FROM 41 FOR 1) WHERE evidence_id = $1`,
      [created.body.evidenceId],
    );
    const altered = evidenceReport(await verifyEvidence(tracker.store, tracker.evidence));
    expect(altered.exitCode).toBe(1);
    expect(altered.lines).toEqual([expect.stringContaining(`evidence ${created.body.evidenceId}: altered`), expect.stringMatching(/1 mismatch\(es\)/)]);
  });
});
