import type { Decider } from '../decider.js';
import { ConcurrencyError, ForbiddenError, IllegalStateError, NotFoundError, ValidationError } from '../errors.js';
import { can } from '../user/permissions.js';
import { MAX_TEXT } from '../limits.js';
import { checkText } from '../text.js';
import { AMENDABLE_FIELDS, ERASED_REFERENCE, type IncidentDetails, type IncidentSource, type IncidentState } from './incident.js';
import type { IncidentCommand, IncidentDecisionContext } from './incident.commands.js';
import type { IncidentEvent } from './incident.events.js';
import { checkIncidentDetails } from './incident.rules.js';

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
  // Monitors correct only the incidents they reported; reviewers correct any.
  if ((command.type === 'AmendIncident' || command.type === 'RetractIncident') && !can(requester.roles, 'incidents:correct-any') && state.reportedBy !== requester.username) {
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
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
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
