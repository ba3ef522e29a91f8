import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { NotFoundError, ValidationError, incidentStreamId, withCurrentConfidentiality, diffIncidentStates, type FieldChange, type IncidentDetails, type IncidentState, type Retraction } from '#domain';
import type { EventStore } from '#event-store';
import { EVENT_STORE } from '../../../infrastructure/tokens.js';
import { knowledgeInstant } from '../../as-of.js';
import { foldIncidentAsOf } from '../../fold-as-of.js';
import { DiffIncidentQuery } from './diff-incident.query.js';

export interface IncidentRecordAsOf {
  version: number;
  status: 'active' | 'retracted';
  verification: string;
  details: IncidentDetails;
  retraction?: Retraction;
}

export interface IncidentDiff {
  id: string;
  from: Date;
  to: Date;
  /** The record at `from`; null when the incident was not yet reported. */
  before: IncidentRecordAsOf | null;
  after: IncidentRecordAsOf | null;
  changes: FieldChange[];
  /** The events recorded in between, with who and why. */
  events: { type: string; version: number; recordedAt: Date; recordedBy: string; reason?: string }[];
}

/** From the stream itself, like the history: the record at two recorded times, and what differs. */
@QueryHandler(DiffIncidentQuery)
export class DiffIncidentHandler implements IQueryHandler<DiffIncidentQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ incidentId, from, to }: DiffIncidentQuery): Promise<IncidentDiff> {
    const [start, end] = [knowledgeInstant(from, 'from'), to ? knowledgeInstant(to, 'to') : new Date()];
    if (end < start) throw new ValidationError('range_reversed', 'to must not be before from', 'to');
    const events = withCurrentConfidentiality(await this.store.readStream(incidentStreamId(incidentId)));
    if (events.length === 0) throw new NotFoundError('incident_not_found', `no incident ${incidentId}`);
    const [before, after] = [foldIncidentAsOf(events, start), foldIncidentAsOf(events, end)];
    return {
      id: incidentId,
      from: start,
      to: end,
      before: view(before.state, before.version),
      after: view(after.state, after.version),
      changes: diffIncidentStates(before.state, after.state),
      events: events.slice(before.known, after.known).map((e) => ({
        type: e.type,
        version: e.version,
        recordedAt: e.recordedAt,
        recordedBy: e.metadata.userId,
        ...(typeof e.data.reason === 'string' ? { reason: e.data.reason } : e.metadata.reason ? { reason: e.metadata.reason } : {}),
      })),
    };
  }
}

function view(state: IncidentState, version: number): IncidentRecordAsOf | null {
  if (state.status === 'unreported') return null;
  return {
    version,
    status: state.status,
    verification: state.verification,
    details: state.details,
    ...(state.status === 'retracted' ? { retraction: state.retraction } : {}),
  };
}
