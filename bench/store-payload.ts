import { randomUUID } from 'node:crypto';
import type { EventMetadata, JsonObject } from '../libs/event-store/src/index.js';

/** One realistic incident event, the same for every contestant (≈ 400 bytes of JSON). */
export interface BenchEvent {
  id: string;
  type: 'IncidentReported';
  data: JsonObject;
  metadata: EventMetadata;
}

const DESCRIPTIONS = [
  'Mortar rounds struck near the checkpoint at dawn; casualties confirmed by the district hospital.',
  'Small-arms fire across the line of contact after midnight; casualties confirmed by a local medic.',
  'A drone strike hit a vehicle on the ring road; the monitoring team verified the site that afternoon.',
];

export function incidentEvent(sequence = 0): BenchEvent {
  return {
    id: randomUUID(),
    type: 'IncidentReported',
    data: {
      incidentId: randomUUID(),
      occurredAt: '2025-03-14T04:40:00.000Z',
      location: { lat: 36.3489, lon: 43.1577, place: 'Khanasor checkpoint' },
      actors: ['Armed group A', 'Local police'],
      killed: 2,
      injured: 5,
      description: DESCRIPTIONS[sequence % DESCRIPTIONS.length],
    },
    metadata: { userId: 'monitor-17', commandId: randomUUID() },
  };
}

/** Bytes of JSON an event carries (data + metadata), for the report. */
export function payloadBytes(event: BenchEvent = incidentEvent()): number {
  return (
    Buffer.byteLength(JSON.stringify(event.data)) +
    Buffer.byteLength(JSON.stringify(event.metadata))
  );
}
