import { evolveIncident, initialIncidentState, isIncidentEvent, type IncidentState } from '#domain';
import type { RecordedEvent } from '#event-store';

export interface IncidentAsOf {
  state: IncidentState;
  /** The stream version of the last event known then (0: nothing known). */
  version: number;
  /** How many of the stream's events were known then. */
  known: number;
}

/**
 * The incident as the record stood at recorded time `asOf`: its events folded in stream order,
 * stopping at the first one recorded after `asOf` (the rule the `incident_versions` model keeps:
 * an event counts from its recording time, or from its predecessor's if that is later).
 */
export function foldIncidentAsOf(events: readonly RecordedEvent[], asOf: Date): IncidentAsOf {
  let state = initialIncidentState();
  let version = 0;
  let known = 0;
  let effective = -Infinity;
  for (const event of events) {
    effective = Math.max(effective, event.recordedAt.getTime());
    if (effective > asOf.getTime()) break;
    known++;
    if (isIncidentEvent(event)) {
      const next = evolveIncident(state, event);
      if (next !== state) version = event.version;
      state = next;
    }
  }
  return { state, version, known };
}
