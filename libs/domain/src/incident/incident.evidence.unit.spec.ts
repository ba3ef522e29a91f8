import fc from 'fast-check';
import { deciderSpecification } from '../testing/decider-specification.js';
import type { IncidentDetails, IncidentState } from './incident.js';
import type { AttachEvidence } from './incident.commands.js';
import type { IncidentEvent } from './incident.events.js';
import { decideIncident, evolveIncident, foldIncident, initialIncidentState } from './incident.decider.js';
import { EVIDENCE_MEDIA_TYPES, evidenceMediaType, stripsByDefault } from './incident.evidence.js';

const given = deciderSpecification({ decide: decideIncident, evolve: evolveIncident, initialState: initialIncidentState });
const now = new Date('2026-11-27T12:00:00Z');
const as = (username: string, role: 'monitor' | 'reviewer' | 'analyst' | 'admin') => ({ now, requester: { username, roles: [role] } });
const id = 'b1f0c5d2-0000-4000-8000-000000000002';
const evidenceId = '5e1d0c3b-0000-4000-8000-0000000000e1';
const hash = 'a'.repeat(64);

const details: IncidentDetails = {
  occurredAt: '2014-05-17',
  timePrecision: 'day',
  location: { lat: 18.4411, lon: 1.4078, place: 'Kidal', admin1: 'Kidal', precision: 'exact' },
  type: 'battles',
  subType: 'armed_clash',
  targets: ['state_forces'],
  actors: [{ actorId: 'mnla', role: 'perpetrator' }],
  harm: { killed: 8, injured: 25, abducted: 0 },
  description: 'Fighting at the governorate.',
  sources: [],
};
const reportedByFatou: IncidentEvent = { type: 'IncidentReported', data: { incidentId: id, ...details }, metadata: { userId: 'fatou' } };
const retracted: IncidentEvent = { type: 'IncidentRetracted', data: { incidentId: id, reason: 'false_report', note: 'never happened' } };

const attach = (data: Partial<AttachEvidence['data']> = {}): AttachEvidence => ({
  type: 'AttachEvidence',
  data: {
    incidentId: id,
    evidenceId,
    declaredType: 'image/jpeg',
    detectedType: 'image/jpeg',
    sha256: hash,
    size: 1200,
    caption: ' Burnt vehicle at the governorate ',
    confidential: false,
    strip: false,
    ...data,
  },
});
const attached: IncidentEvent = {
  type: 'EvidenceAttached',
  data: { incidentId: id, evidenceId, sha256: hash, mediaType: 'image/jpeg', size: 1200, caption: 'Burnt vehicle at the governorate', confidential: false, stripped: false },
};
const erased: IncidentEvent = { type: 'EvidenceErased', data: { incidentId: id, evidenceId } };

describe('Incident evidence', () => {
  describe('when a file is attached', () => {
    it('records the original’s hash, the type its content shows, and the caption', () => {
      given([reportedByFatou]).when(attach(), as('fatou', 'monitor')).then([attached]);
    });

    it('records the kept copy’s hash and size when its metadata was removed', () => {
      given([reportedByFatou])
        .when(attach({ confidential: true, strip: true, stored: { sha256: 'b'.repeat(64), size: 900 } }), as('amina', 'reviewer'))
        .then([{ ...attached, data: { ...attached.data, confidential: true, stripped: true, storedSha256: 'b'.repeat(64), storedSize: 900 } }] as IncidentEvent[]);
    });

    it('refuses a file whose content is not the type declared, naming the file', () => {
      given([reportedByFatou])
        .when(attach({ declaredType: 'image/jpeg', detectedType: 'application/pdf' }), as('fatou', 'monitor'))
        .thenThrows({ kind: 'validation', code: 'evidence_type_mismatch', field: 'file' });
    });

    it('refuses content that is no evidence type, whatever it was declared as', () => {
      given([reportedByFatou])
        .when(attach({ declaredType: 'application/zip', detectedType: 'application/zip' }), as('fatou', 'monitor'))
        .thenThrows({ kind: 'validation', code: 'evidence_type_not_allowed', field: 'file' });
      given([reportedByFatou]).when(attach({ detectedType: undefined }), as('fatou', 'monitor')).thenThrows({ code: 'evidence_type_not_allowed' });
    });

    it('takes other names of the same type, and the content’s type when none was declared', () => {
      given([reportedByFatou]).when(attach({ declaredType: 'image/jpg' }), as('fatou', 'monitor')).then([attached]);
      given([reportedByFatou]).when(attach({ declaredType: 'application/octet-stream' }), as('fatou', 'monitor')).then([attached]);
    });

    it('refuses to remove metadata from a type it cannot rewrite, naming strip', () => {
      given([reportedByFatou])
        .when(attach({ declaredType: 'application/pdf', detectedType: 'application/pdf', strip: true, stored: { sha256: hash, size: 3 } }), as('fatou', 'monitor'))
        .thenThrows({ kind: 'validation', code: 'metadata_not_removable', field: 'strip' });
    });

    it('lets a monitor attach only to their own reports, and nobody to a retracted incident', () => {
      given([reportedByFatou]).when(attach(), as('moussa', 'monitor')).thenThrows({ kind: 'forbidden', code: 'not_your_report' });
      given([reportedByFatou, retracted]).when(attach(), as('amina', 'reviewer')).thenThrows({ code: 'incident_retracted' });
      given([]).when(attach(), as('amina', 'reviewer')).thenThrows({ kind: 'not_found', code: 'incident_not_found' });
    });

    it('refuses a second file under the same id', () => {
      given([reportedByFatou, attached]).when(attach(), as('fatou', 'monitor')).thenThrows({ kind: 'concurrency', code: 'evidence_exists' });
    });

    it('refuses a caption the record cannot store', () => {
      given([reportedByFatou]).when(attach({ caption: 'x\u0000' }), as('fatou', 'monitor')).thenThrows({ field: 'caption' });
      given([reportedByFatou]).when(attach({ caption: 'x'.repeat(2001) }), as('fatou', 'monitor')).thenThrows({ field: 'caption' });
    });
  });

  describe('when a file is erased', () => {
    it('records the erasure, also on a retracted incident, and keeps the attachment on the record', () => {
      given([reportedByFatou, attached]).when({ type: 'EraseEvidence', data: { incidentId: id, evidenceId } }, as('amina', 'reviewer')).then([erased]);
      given([reportedByFatou, attached, retracted]).when({ type: 'EraseEvidence', data: { incidentId: id, evidenceId } }, as('amina', 'reviewer')).then([erased]);
      const state = foldIncident([reportedByFatou, attached, erased]) as Extract<IncidentState, { status: 'active' }>;
      const { incidentId: _incident, ...evidence } = attached.data as { incidentId: string };
      expect(state.evidence).toEqual([{ ...evidence, erased: true }]);
    });

    it('refuses an unknown file, or one already erased', () => {
      const erase = { type: 'EraseEvidence' as const, data: { incidentId: id, evidenceId: 'nope' } };
      given([reportedByFatou, attached]).when(erase, as('amina', 'reviewer')).thenThrows({ kind: 'not_found', code: 'evidence_not_found' });
      given([reportedByFatou, attached, erased]).when({ ...erase, data: { incidentId: id, evidenceId } }, as('amina', 'reviewer')).thenThrows({
        code: 'evidence_erased',
      });
    });
  });

  it('accepts a declared type exactly when it names the same evidence type as the content', () => {
    const names = fc.constantFrom(...EVIDENCE_MEDIA_TYPES, 'image/jpg', 'audio/mp3', 'audio/x-wav', 'image/heif', 'text/plain', 'image/gif');
    fc.assert(
      fc.property(names, fc.constantFrom(...EVIDENCE_MEDIA_TYPES), (declared, detected) => {
        const decide = () => decideIncident(attach({ declaredType: declared, detectedType: detected }), foldIncident([reportedByFatou]), as('fatou', 'monitor'));
        if (evidenceMediaType(declared) === detected) expect(decide()[0]).toMatchObject({ type: 'EvidenceAttached', data: { mediaType: detected } });
        else expect(decide).toThrow(expect.objectContaining({ code: 'evidence_type_mismatch', field: 'file' }));
      }),
    );
  });

  it('removes metadata by default from confidential photos only', () => {
    expect(stripsByDefault(true, 'image/jpeg')).toBe(true);
    expect(stripsByDefault(true, 'image/heic')).toBe(true);
    expect(stripsByDefault(true, 'application/pdf')).toBe(false);
    expect(stripsByDefault(false, 'image/jpeg')).toBe(false);
  });
});
