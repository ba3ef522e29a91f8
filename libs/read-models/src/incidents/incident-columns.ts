import { externalKey, isMainRole, occurredInstant, type IncidentDetails, type IncidentState } from '#domain';
import type { RecordedEvent } from '#event-store';
import { Column } from 'typeorm';

export type KnownIncidentState = Exclude<IncidentState, { status: 'unreported' }>;

/**
 * A coordinate as the GiST index on `location` can hold it: within a nanodegree (0.1 mm) of zero
 * it is zero. Tinier values such as 6.6e-125, valid numbers in range, make the index's box-area
 * arithmetic underflow and PostgreSQL refuses the row ("value out of range: underflow"), as the
 * projection property test found. The record itself keeps the number as sent.
 */
/** The columns derived from a record that both incident tables share beyond the first ones. */
export function importedColumnsOf(details: IncidentDetails) {
  return {
    admin2: details.location.admin2 ?? null,
    admin3: details.location.admin3 ?? null,
    actorIds: [...new Set(details.actors.map((a) => a.actorId))],
    mainActorIds: [...new Set(details.actors.filter((a) => isMainRole(a.role)).map((a) => a.actorId))],
    externalIds: (details.externalRefs ?? []).map(externalKey),
  };
}

export const storableDegrees = (degrees: number): number => (Math.abs(degrees) < 1e-9 ? 0 : degrees);

/** The columns `incidents` and `incident_versions` share, with the database's names, as written. */
export interface IncidentColumnValues {
  id: string;
  version: number;
  status: 'active' | 'retracted';
  verification: string;
  type: string;
  sub_type: string;
  occurred_at: Date;
  lat: number;
  lon: number;
  admin1: string;
  admin2: string | null;
  admin3: string | null;
  targets: string[];
  actor_ids: string[];
  main_actor_ids: string[];
  external_ids: string[];
  killed: number | null;
  record: KnownIncidentState;
  reported_at: Date;
  reported_by: string;
  last_changed_at: Date;
  last_changed_by: string;
  position: string;
  /** The incident as a GeoJSON feature, as the list and the exports send it. */
  feature: string;
}

export const INCIDENT_COLUMN_NAMES = [
  'id', 'version', 'status', 'verification', 'type', 'sub_type', 'occurred_at', 'lat', 'lon', 'admin1', 'admin2', 'admin3', 'targets',
  'actor_ids', 'main_actor_ids', 'external_ids', 'killed', 'record', 'reported_at', 'reported_by', 'last_changed_at', 'last_changed_by', 'position',
  'feature',
] as const satisfies readonly (keyof IncidentColumnValues)[];

/** The record after `event` as column values; `first` is the row before it (who reported it, when), if any. */
export function incidentColumnValues(
  state: KnownIncidentState,
  event: RecordedEvent,
  first: Pick<IncidentColumnValues, 'reported_at' | 'reported_by'> | undefined,
): IncidentColumnValues {
  const { details } = state;
  const imported = importedColumnsOf(details);
  const lat = storableDegrees(details.location.lat);
  const lon = storableDegrees(details.location.lon);
  return {
    id: state.id,
    version: event.version,
    status: state.status,
    verification: state.verification,
    type: details.type,
    sub_type: details.subType,
    occurred_at: occurredInstant(details.occurredAt),
    lat,
    lon,
    admin1: details.location.admin1,
    admin2: imported.admin2,
    admin3: imported.admin3,
    targets: details.targets,
    actor_ids: imported.actorIds,
    main_actor_ids: imported.mainActorIds,
    external_ids: imported.externalIds,
    killed: details.harm.killed,
    record: state,
    reported_at: first?.reported_at ?? event.recordedAt,
    reported_by: first?.reported_by ?? event.metadata.userId,
    last_changed_at: event.recordedAt,
    last_changed_by: event.metadata.userId,
    position: event.position,
    feature: JSON.stringify({
      type: 'Feature',
      id: state.id,
      geometry: { type: 'Point', coordinates: [lon, lat] },
      properties: {
        type: details.type,
        subType: details.subType,
        occurredAt: details.occurredAt,
        timePrecision: details.timePrecision ?? null,
        fatalities: details.harm.killed ?? null,
        injured: details.harm.injured ?? null,
        abducted: details.harm.abducted ?? null,
        place: details.location.place,
        admin1: details.location.admin1,
        geoPrecision: details.location.precision ?? null,
        actors: details.actors,
        targets: details.targets,
        status: state.status,
        verification: state.verification,
        version: event.version,
      },
    }),
  };
}

/**
 * An incident's record as a row: the folded record (`record`) for the API and the next fold,
 * plus the columns the map's filters use. The current record (`incidents`) and each version of it
 * (`incident_versions`) share them, so the filters and the GeoJSON work on either. The database
 * generates one more from these: `location` (a point, from lon/lat).
 */
export abstract class IncidentColumns {
  @Column({ type: 'text' })
  status: 'active' | 'retracted';

  @Column({ type: 'text' })
  verification: string;

  @Column({ type: 'text' })
  type: string;

  @Column({ name: 'sub_type', type: 'text' })
  subType: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'double precision' })
  lat: number;

  @Column({ type: 'double precision' })
  lon: number;

  @Column({ type: 'text' })
  admin1: string;

  @Column({ type: 'text', nullable: true })
  admin2: string | null;

  @Column({ type: 'text', nullable: true })
  admin3: string | null;

  @Column({ type: 'text', array: true })
  targets: string[];

  /** Every actor named, associated ones included. */
  @Column({ name: 'actor_ids', type: 'text', array: true })
  actorIds: string[];

  /** The actors on a main side (not `associated`): what counts "by main actor" use. */
  @Column({ name: 'main_actor_ids', type: 'text', array: true })
  mainActorIds: string[];

  /** `acled:MLI858`: the dataset records the incident was imported from. */
  @Column({ name: 'external_ids', type: 'text', array: true })
  externalIds: string[];

  /** NULL: no figure. */
  @Column({ type: 'int', nullable: true })
  killed: number | null;

  @Column({ type: 'jsonb' })
  record: KnownIncidentState;

  @Column({ name: 'reported_at', type: 'timestamptz' })
  reportedAt: Date;

  @Column({ name: 'reported_by', type: 'text' })
  reportedBy: string;

  @Column({ name: 'last_changed_at', type: 'timestamptz' })
  lastChangedAt: Date;

  @Column({ name: 'last_changed_by', type: 'text' })
  lastChangedBy: string;

  /** Event store position of the last event folded into this record. */
  @Column({ type: 'text' })
  position: string;
}
