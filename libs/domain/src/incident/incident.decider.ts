import type { Decider } from '../decider.js';
import { ConcurrencyError, ForbiddenError, IllegalStateError, NotFoundError, ValidationError } from '../errors.js';
import { can } from '../user/permissions.js';
import { MAX_TEXT } from '../limits.js';
import { checkText } from '../text.js';
import { AMENDABLE_FIELDS, ERASED_REFERENCE, type IncidentDetails, type IncidentSource, type IncidentState } from './incident.js';
import type { IncidentCommand, IncidentDecisionContext } from './incident.commands.js';
import type { IncidentEvent } from './incident.events.js';
import { checkIncidentDetails } from './incident.rules.js';
import { evidenceMediaType, evidenceOf, isUndeclaredType, STRIPPABLE_MEDIA_TYPES, type IncidentEvidence } from './incident.evidence.js';
import type { AttachEvidence } from './incident.commands.js';

export const initialIncidentState = (): IncidentState => ({ status: 'unreported' });

export function evolveIncident(state: IncidentState, event: IncidentEvent): IncidentState {
  switch (event.type) {
    case 'IncidentReported': {
      const { incidentId, ...details } = event.data;
      const reportedBy = event.metadata?.userId;
      return { status: 'active', id: incidentId, details, verification: 'reported', ...(reportedBy ? { reportedBy } : {}) };
    }
    case 'IncidentAmended':
      if (state.status === 'unreported') return state;
      return { ...state, details: { ...state.details, ...event.data.changes } };
    case 'IncidentVerificationChanged':
      if (state.status === 'unreported') return state;
      return { ...state, verification: event.data.to };
    case 'IncidentRetracted': {
      if (state.status === 'unreported') return state;
      const { incidentId: _id, ...retraction } = event.data;
      return { ...state, status: 'retracted', retraction };
    }
    case 'IncidentSourceErased':
      if (state.status === 'unreported') return state;
      return { ...state, details: { ...state.details, sources: state.details.sources.map((s) => (s.id === event.data.sourceId ? erased(s) : s)) } };
    case 'EvidenceAttached': {
      if (state.status === 'unreported') return state;
      const { incidentId: _id, ...evidence } = event.data;
      return { ...state, evidence: [...(state.evidence ?? []), evidence] };
    }
    case 'EvidenceErased':
      if (state.status === 'unreported') return state;
      return { ...state, evidence: state.evidence?.map((e) => (e.evidenceId === event.data.evidenceId ? { ...e, erased: true } : e)) };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

export function foldIncident(events: readonly IncidentEvent[]): IncidentState {
  return events.reduce(evolveIncident, initialIncidentState());
}

export function decideIncident(command: IncidentCommand, state: IncidentState, { now, requester }: IncidentDecisionContext): IncidentEvent[] {
  if (command.type === 'ReportIncident') {
    if (state.status !== 'unreported') {
      // Another report got there first under this id: a conflict, never a second stream.
      throw new ConcurrencyError('incident_exists', `incident ${command.data.incidentId} is already reported`);
    }
    checkIncidentDetails(command.data.details, now);
    requireRegisteredActors(command.data.details.actors, command.data.unknownActors);
    return [{ type: 'IncidentReported', data: { incidentId: command.data.incidentId, ...command.data.details } }];
  }

  if (state.status === 'unreported') throw new NotFoundError('incident_not_found', `no incident ${command.data.incidentId}`);
  // Forgetting a source protects a person: it is allowed on a retracted incident too.
  if (command.type === 'EraseSource') {
    const source = state.details.sources.find((s) => s.id === command.data.sourceId);
    if (!source) throw new NotFoundError('source_not_found', `incident ${state.id} has no source ${command.data.sourceId}`);
    if (source.erased) throw new IllegalStateError('source_erased', `source ${source.id} is already erased`);
    return [{ type: 'IncidentSourceErased', data: { incidentId: state.id, sourceId: source.id } }];
  }
  // Erasing evidence protects a person, as forgetting a source does: on a retracted incident too.
  if (command.type === 'EraseEvidence') {
    const evidence = evidenceOf(state.evidence, command.data.evidenceId);
    if (!evidence) throw new NotFoundError('evidence_not_found', `incident ${state.id} has no evidence ${command.data.evidenceId}`);
    if (evidence.erased) throw new IllegalStateError('evidence_erased', `evidence ${evidence.evidenceId} is already erased`);
    return [{ type: 'EvidenceErased', data: { incidentId: state.id, evidenceId: evidence.evidenceId } }];
  }
  // Monitors correct (and add evidence to) only the incidents they reported; reviewers, any.
  if ((command.type === 'AmendIncident' || command.type === 'RetractIncident' || command.type === 'AttachEvidence') && !can(requester.roles, 'incidents:correct-any') && state.reportedBy !== requester.username) {
    throw new ForbiddenError('not_your_report', 'monitors may correct only the incidents they reported');
  }
  if (state.status === 'retracted') {
    throw new IllegalStateError('incident_retracted', `incident ${state.id} is retracted and accepts no further change`);
  }

  switch (command.type) {
    case 'AmendIncident': {
      requireReason('reason', command.data.reason);
      const changes = differingFields(state.details, keepErasedSources(state.details.sources, command.data.changes));
      if (Object.keys(changes).length === 0) {
        throw new ValidationError('amendment_changes_nothing', 'the amendment changes nothing', 'changes');
      }
      checkIncidentDetails({ ...state.details, ...changes }, now);
      if (changes.actors) requireRegisteredActors(changes.actors, command.data.unknownActors);
      return [{ type: 'IncidentAmended', data: { incidentId: state.id, changes, reason: command.data.reason.trim() } }];
    }
    case 'SetVerification': {
      requireReason('note', command.data.note);
      if (command.data.level === state.verification) {
        throw new ValidationError('verification_unchanged', `the incident is already ${state.verification}`, 'level');
      }
      return [
        {
          type: 'IncidentVerificationChanged',
          data: { incidentId: state.id, from: state.verification, to: command.data.level, note: command.data.note.trim() },
        },
      ];
    }
    case 'RetractIncident': {
      requireReason('note', command.data.note);
      const { reason, duplicateOf } = command.data;
      if (reason === 'duplicate') {
        if (!duplicateOf) throw new ValidationError('duplicate_of_required', 'a duplicate must name the incident it duplicates', 'duplicateOf');
        if (duplicateOf.incidentId === state.id) {
          throw new ValidationError('duplicate_of_itself', 'an incident cannot duplicate itself', 'duplicateOf');
        }
        if (duplicateOf.status !== 'active') {
          throw new ValidationError('duplicate_of_unknown', `incident ${duplicateOf.incidentId} is not an active incident`, 'duplicateOf');
        }
      } else if (duplicateOf) {
        throw new ValidationError('duplicate_of_unexpected', 'duplicateOf is only for duplicates', 'duplicateOf');
      }
      return [
        {
          type: 'IncidentRetracted',
          data: { incidentId: state.id, reason, note: command.data.note.trim(), ...(duplicateOf ? { duplicateOf: duplicateOf.incidentId } : {}) },
        },
      ];
    }
    case 'AttachEvidence':
      return [{ type: 'EvidenceAttached', data: { incidentId: state.id, ...evidenceToAttach(command.data, state.evidence) } }];
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * The file is what its content shows, and that must be an evidence type and what the client said
 * it was: a file named .jpg that is something else is refused, so the record never claims a type
 * its bytes do not have. Metadata can only be removed from the images the tracker can rewrite.
 */
function evidenceToAttach(asked: AttachEvidence['data'], attached: readonly IncidentEvidence[] | undefined): Omit<IncidentEvidence, 'erased'> {
  const { evidenceId, declaredType, detectedType, sha256, size, caption, confidential, strip, stored } = asked;
  if (evidenceOf(attached, evidenceId)) throw new ConcurrencyError('evidence_exists', `evidence ${evidenceId} is already attached`);
  const mediaType = evidenceMediaType(detectedType);
  if (!mediaType) {
    throw new ValidationError('evidence_type_not_allowed', `file: ${detectedType ?? 'an unrecognised type'} is not a photo, PDF, recording or video the tracker keeps`, 'file');
  }
  if (!isUndeclaredType(declaredType) && evidenceMediaType(declaredType) !== mediaType) {
    throw new ValidationError('evidence_type_mismatch', `file: declared as ${declaredType}, but its content is ${mediaType}`, 'file');
  }
  if (!Number.isSafeInteger(size) || size < 1) throw new ValidationError('evidence_empty', 'file: the file is empty', 'file');
  if (!SHA256.test(sha256)) throw new ValidationError('evidence_hash_invalid', 'sha256 must be 64 lower-case hex digits', 'sha256');
  checkText('caption', caption, MAX_TEXT.note, false);
  if (strip && !STRIPPABLE_MEDIA_TYPES.includes(mediaType)) {
    throw new ValidationError(
      'metadata_not_removable',
      `strip: the tracker can remove metadata only from ${STRIPPABLE_MEDIA_TYPES.join(' and ')} files, not ${mediaType}; convert it, or send strip=false`,
      'strip',
    );
  }
  if (strip !== !!stored) throw new ValidationError('stripped_copy_missing', 'a stripped file needs the hash and size of its kept copy', 'strip');
  if (stored && (!SHA256.test(stored.sha256) || !Number.isSafeInteger(stored.size) || stored.size < 1)) {
    throw new ValidationError('evidence_hash_invalid', 'the kept copy needs a SHA-256 and a size', 'strip');
  }
  return {
    evidenceId,
    sha256,
    mediaType,
    size,
    caption: caption.trim(),
    confidential,
    stripped: strip,
    ...(stored ? { storedSha256: stored.sha256, storedSize: stored.size } : {}),
  };
}

/**
 * An erased source stays erased: its id never names a reference again (a new key for it would
 * make every earlier event of the incident unreadable). Sent back as the placeholder it is kept
 * as it is; sent with a reference of its own it is refused, so nobody believes it was recorded.
 */
function keepErasedSources(current: IncidentSource[], changes: Partial<IncidentDetails>): Partial<IncidentDetails> {
  if (!changes.sources) return changes;
  const erasedSources = new Map(current.filter((s) => s.erased).map((s) => [s.id, s]));
  const sources = changes.sources.map((source, index) => {
    const placeholder = erasedSources.get(source.id);
    if (!placeholder) return source;
    if (source.reference !== ERASED_REFERENCE) {
      throw new IllegalStateError(
        'source_erased',
        `changes.sources[${index}]: source ${source.id} was erased and its id cannot name a reference again; add the source under a new id`,
      );
    }
    return placeholder;
  });
  return { ...changes, sources };
}

function erased(source: IncidentSource): IncidentSource {
  return { ...source, reference: ERASED_REFERENCE, erased: true };
}

/** Every actor named must be on the register, so that counts by actor and coalition can find them. */
function requireRegisteredActors(actors: IncidentDetails['actors'], unknownActors: readonly string[]) {
  const i = actors.findIndex((actor) => unknownActors.includes(actor.actorId));
  if (i >= 0) {
    throw new IllegalStateError('actor_not_registered', `actor ${actors[i].actorId} is not registered`, `actors[${i}].actorId`);
  }
}

function requireReason(field: string, text: string) {
  if (typeof text !== 'string' || !text.trim()) throw new ValidationError('reason_required', `${field} is required: say why`, field);
  checkText(field, text, MAX_TEXT.note);
}

/** Keeps only the fields whose value differs from the current record: what an amendment carries. */
export function differingFields(current: IncidentDetails, changes: Partial<IncidentDetails>): Partial<IncidentDetails> {
  const changed: Partial<IncidentDetails> = {};
  for (const field of AMENDABLE_FIELDS) {
    if (!(field in changes) || changes[field] === undefined) continue;
    if (!sameValue(current[field], changes[field])) Object.assign(changed, { [field]: changes[field] });
  }
  return changed;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, canonical(v)]));
  }
  return value;
}

export const incidentDecider: Decider<IncidentCommand, IncidentEvent, IncidentState, IncidentDecisionContext> = {
  decide: decideIncident,
  evolve: evolveIncident,
  initialState: initialIncidentState,
};
