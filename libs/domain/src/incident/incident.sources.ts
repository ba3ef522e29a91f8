import type { IncidentSource } from './incident.js';
import { isIncidentEvent } from './incident.events.js';

type AnyEvent = { type: string; data: unknown };

/** The source lists an incident event carries: in a report, or in an amendment's changes. */
export function sourceListsOf(event: AnyEvent): IncidentSource[][] {
  if (!isIncidentEvent(event)) return [];
  if (event.type === 'IncidentReported') return [event.data.sources];
  if (event.type === 'IncidentAmended' && event.data.changes.sources) return [event.data.changes.sources];
  return [];
}

/** The event with each of its sources replaced by `change(source, incidentId)`; the event itself when it has none. */
export function mapIncidentSources<E extends AnyEvent>(event: E, change: (source: IncidentSource, incidentId: string) => IncidentSource): E {
  if (sourceListsOf(event).length === 0) return event;
  const data = structuredClone(event.data) as { incidentId: string; sources?: IncidentSource[]; changes?: { sources?: IncidentSource[] } };
  const list = data.sources ?? data.changes!.sources!;
  list.forEach((source, i) => (list[i] = change(source, data.incidentId)));
  return { ...event, data };
}

/** Whether each source of an incident is confidential now: as the last event that lists it says. */
export function currentConfidentiality(events: readonly AnyEvent[]): Map<string, boolean> {
  const flags = new Map<string, boolean>();
  for (const event of events) for (const list of sourceListsOf(event)) for (const source of list) flags.set(source.id, source.confidential);
  return flags;
}

/**
 * Confidentiality is a property of the source as it is now: a source made confidential later is
 * confidential in every earlier event too (and one made public later, public), so that no
 * history, diff or past version shows what the source now withholds.
 */
export function withCurrentConfidentiality<E extends AnyEvent>(events: readonly E[]): E[] {
  const flags = currentConfidentiality(events);
  return events.map((event) =>
    mapIncidentSources(event, (source) => (flags.get(source.id) === source.confidential ? source : { ...source, confidential: flags.get(source.id)! })),
  );
}
