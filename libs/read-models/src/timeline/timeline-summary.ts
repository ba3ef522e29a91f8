import { AMENDABLE_FIELDS, diffRecords, type IncidentActor, type IncidentDetails, type IncidentEvent, type IncidentState } from '#domain';
import type { JsonObject, JsonValue } from '#event-store';

/**
 * A timeline entry's one-line summary, as data: a stable code and its parameters. The web app
 * translates the code; `summaryTextParts` says it in English, with the names left to be put in
 * when read, so that a renamed actor reads right in old entries too.
 */
export interface TimelineSummary {
  code: TimelineSummaryCode;
  params: JsonObject;
}

export type TimelineSummaryCode =
  | 'incident.reported'
  | 'incident.amended'
  | 'incident.verification_changed'
  | 'incident.retracted'
  | 'review.finding_recorded';

/** One changed field of an amendment; long texts (description) carry no values. */
export interface FieldChange {
  field: string;
  before?: JsonValue;
  after?: JsonValue;
}

type KnownState = Exclude<IncidentState, { status: 'unreported' }>;

/** The summary of an incident event, or null for one that is not on the timeline (a source erased). */
export function summarizeIncidentEvent(before: IncidentState, after: KnownState, event: IncidentEvent): TimelineSummary | null {
  switch (event.type) {
    case 'IncidentReported': {
      const d = after.details;
      return {
        code: 'incident.reported',
        params: {
          type: d.type,
          subType: d.subType,
          place: d.location.place,
          admin1: d.location.admin1,
          occurredAt: d.occurredAt,
          timePrecision: d.timePrecision,
          actors: actorsParam(d.actors),
          killed: d.harm.killed,
          injured: d.harm.injured,
          abducted: d.harm.abducted,
        },
      };
    }
    case 'IncidentAmended': {
      const previous = before.status === 'unreported' ? undefined : before.details;
      const fields = AMENDABLE_FIELDS.filter((field) => field in event.data.changes);
      const changes = previous ? fieldChanges(previous, after.details, fields) : [];
      return { code: 'incident.amended', params: { changes: changes as unknown as JsonValue[], reason: event.data.reason } };
    }
    case 'IncidentVerificationChanged':
      return { code: 'incident.verification_changed', params: { from: event.data.from, to: event.data.to, note: event.data.note } };
    case 'IncidentRetracted':
      return {
        code: 'incident.retracted',
        params: { reason: event.data.reason, note: event.data.note, ...(event.data.duplicateOf ? { duplicateOf: event.data.duplicateOf } : {}) },
      };
    case 'IncidentSourceErased':
    case 'EvidenceAttached':
    case 'EvidenceErased':
      // Sources and evidence change the record (a new version) but are not events of the conflict.
      return null;
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

/**
 * A finding of a violation review (`FindingRecorded`). Read leniently: parties may be ids or
 * `{ actorId }` objects, and the agreement may come from the review's allegation instead.
 */
export function summarizeFinding(data: JsonObject, agreementId: string | null): TimelineSummary {
  const ids = (value: JsonValue | undefined): string[] =>
    Array.isArray(value)
      ? value.flatMap((v) => (typeof v === 'string' ? [v] : v && typeof v === 'object' && !Array.isArray(v) ? [String(v.actorId ?? v.id ?? '')].filter(Boolean) : []))
      : [];
  const text = (value: JsonValue | undefined) => (typeof value === 'string' ? value : '');
  const agreement = text(data.agreementId) || agreementId;
  return {
    code: 'review.finding_recorded',
    params: {
      outcome: text(data.outcome),
      ...(agreement ? { agreementId: agreement } : {}),
      responsibleParties: ids(data.responsibleParties),
      provisions: Array.isArray(data.provisions) ? data.provisions.map(String) : [],
      note: text(data.note),
      ...(text(data.verificationMission) ? { verificationMission: text(data.verificationMission) } : {}),
    },
  };
}

function actorsParam(actors: IncidentActor[]): JsonValue[] {
  return actors.map((a) => ({ actorId: a.actorId, role: a.role }));
}

/**
 * The record's one field diff (libs/domain `diffRecords`: `harm.killed`, `location.lat`,
 * `actors`), as a timeline line shows it: a long text (description) without its values, sources
 * by their count (their references may be confidential).
 */
export function fieldChanges(before: IncidentDetails, after: IncidentDetails, fields: (keyof IncidentDetails)[]): FieldChange[] {
  const only = (details: IncidentDetails) => Object.fromEntries(fields.map((field) => [field, details[field]]));
  return diffRecords(only(before), only(after)).map((change): FieldChange => {
    if (change.field === 'description') return { field: 'description' };
    if (change.field === 'sources') return { field: 'sources', before: before.sources.length, after: after.sources.length };
    return change as FieldChange;
  });
}

interface SummaryNames {
  actor(id: string): string;
  agreement(id: string): string;
}

/**
 * The summary in English as the projection stores it: text and names in turn, `[text, name,
 * text, …]` (an odd count), each name a reference `actor:<id>` or `agreement:<id>` that the
 * timeline's query replaces by the name registered when it reads (an actor's short name, an
 * agreement's short name, or the id when there is none).
 */
export function summaryTextParts(summary: TimelineSummary): string[] {
  // NUL marks the names: stored text cannot hold it (PostgreSQL refuses it in text and jsonb).
  return describeTimelineSummary(summary, { actor: (id) => `\0actor:${id}\0`, agreement: (id) => `\0agreement:${id}\0` }).split('\0');
}

const SUB_TYPE_WORDS: Record<string, string> = {
  air_drone_strike: 'air/drone strike',
  shelling_artillery_missile_attack: 'shelling/artillery/missile attack',
  remote_explosive_landmine_ied: 'remote explosive/landmine/IED',
  abduction_forced_disappearance: 'abduction/forced disappearance',
  change_to_group_activity: 'change to group/activity',
  looting_property_destruction: 'looting/property destruction',
  non_state_actor_overtakes_territory: 'non-state actor overtakes territory',
  non_violent_transfer_of_territory: 'non-violent transfer of territory',
};
const TYPE_WORDS: Record<string, string> = {
  battles: 'battle',
  explosions_remote_violence: 'explosion/remote violence',
  violence_against_civilians: 'violence against civilians',
  protests: 'protest',
  riots: 'riot',
  strategic_developments: 'strategic development',
};
const FIELD_WORDS: Record<string, string> = {
  'harm.killed': 'killed',
  'harm.injured': 'injured',
  'harm.abducted': 'abducted',
  'harm.killedRange.low': 'fewest killed',
  'harm.killedRange.high': 'most killed',
  externalRefs: 'dataset references',
  'location.admin2': 'district',
  'location.admin3': 'commune',
  'location.place': 'place',
  'location.admin1': 'region',
  'location.lat': 'latitude',
  'location.lon': 'longitude',
  'location.precision': 'place precision',
  occurredAt: 'date',
  timePrecision: 'date precision',
  type: 'type',
  subType: 'sub-type',
  actors: 'actors',
  targets: 'targets',
  description: 'description',
  sources: 'sources',
};

const words = (code: string) => code.replaceAll('_', ' ');

export function describeIncidentKind(type: string, subType: string): string {
  if (subType === 'other') return `${TYPE_WORDS[type] ?? words(type)} (other)`;
  return SUB_TYPE_WORDS[subType] ?? words(subType);
}

/** The summary in English, on one line. */
function describeTimelineSummary(summary: TimelineSummary, { actor, agreement }: SummaryNames): string {
  const p = summary.params as Record<string, JsonValue>;
  const str = (v: JsonValue | undefined) => (v === undefined || v === null ? '' : String(v));
  const note = (v: JsonValue | undefined) => (str(v).trim() ? ` — ${oneLine(str(v))}` : '');

  switch (summary.code) {
    case 'incident.reported': {
      const harm = describeHarm(figure(p.killed), figure(p.injured), figure(p.abducted));
      const who = describeActors((p.actors as { actorId: string; role: string }[]) ?? [], actor);
      return `Reported: ${describeIncidentKind(str(p.type), str(p.subType))} in ${str(p.place)}${who ? ` — ${who}` : ''}; ${harm}`;
    }
    case 'incident.amended': {
      const changes = ((p.changes as unknown as FieldChange[]) ?? []).map((c) => describeChange(c, actor));
      return `Amended: ${changes.join('; ') || 'no visible change'}${str(p.reason).trim() ? `. Reason: ${oneLine(str(p.reason))}` : ''}`;
    }
    case 'incident.verification_changed':
      return `Verification: ${str(p.from)} → ${str(p.to)}${note(p.note)}`;
    case 'incident.retracted':
      return p.reason === 'duplicate'
        ? `Retracted as a duplicate of incident ${str(p.duplicateOf).slice(0, 8)}${note(p.note)}`
        : `Retracted as a false report${note(p.note)}`;
    case 'review.finding_recorded': {
      const of = p.agreementId ? ` of ${agreement(str(p.agreementId))}` : '';
      const parties = ((p.responsibleParties as string[]) ?? []).map(actor).join(', ');
      const outcome =
        p.outcome === 'violation'
          ? `violation${of}${parties ? ` by ${parties}` : ''}`
          : p.outcome === 'no_violation'
            ? `no violation${of}`
            : p.outcome === 'inconclusive'
              ? `inconclusive${of ? ` (${of.slice(4)})` : ''}`
              : `${words(str(p.outcome)) || 'recorded'}${of}`;
      return `Finding: ${outcome}${note(p.note)}`;
    }
    default: {
      const unknown: never = summary.code;
      return unknown;
    }
  }
}

/** A casualty figure as recorded: null is no figure, which is not 0. */
const figure = (value: JsonValue | undefined): number | null => (value === null || value === undefined ? null : Number(value));

function describeHarm(killed: number | null, injured: number | null, abducted: number | null): string {
  const figures = { killed, injured, abducted };
  const parts = Object.entries(figures).filter(([, n]) => n).map(([word, n]) => `${n} ${word}`);
  const unknown = Object.entries(figures).filter(([, n]) => n === null).map(([word]) => word);
  if (unknown.length) parts.push(`no figure for ${unknown.join(', ')}`);
  return parts.length ? parts.join(', ') : 'no casualties reported';
}

function describeActors(actors: { actorId: string; role: string }[], name: (id: string) => string): string {
  const of = (role: string) => [...new Set(actors.filter((a) => a.role === role).map((a) => name(a.actorId)))];
  const [perpetrators, targets] = [of('perpetrator'), of('target')];
  if (perpetrators.length && targets.length) {
    const others = of('party');
    return `${perpetrators.join(', ')} against ${targets.join(', ')}${others.length ? ` (with ${others.join(', ')})` : ''}`;
  }
  return [...new Set(actors.map((a) => name(a.actorId)))].join(', ');
}

function describeChange(change: FieldChange, actor: (id: string) => string): string {
  const label = FIELD_WORDS[change.field] ?? change.field;
  if (change.field === 'description') return 'description revised';
  if (change.field === 'sources') return `sources revised (${change.before} → ${change.after})`;
  if (change.field === 'actors') {
    const list = (v: JsonValue | undefined) => describeActors((v as unknown as IncidentActor[]) ?? [], actor) || 'none';
    return `actors ${list(change.before)} → ${list(change.after)}`;
  }
  const value = (v: JsonValue | undefined): string => {
    if (Array.isArray(v)) return change.field === 'location.coordinates' ? v.join(', ') : v.map((x) => words(String(x))).join(', ') || 'none';
    if (change.field === 'subType' || change.field === 'type') return words(String(v));
    return String(v);
  };
  return `${label} ${value(change.before)} → ${value(change.after)}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
