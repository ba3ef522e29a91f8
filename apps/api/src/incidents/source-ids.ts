import type { IncidentSource } from '#domain';
import { v5 as uuidv5 } from 'uuid';
import type { SourceDto } from './incident.dto.js';

const SOURCES = '2b7f6c1e-8d4a-4f3b-9e21-5a0c7d9e4f11';

/** Sources get stable ids (erasure and amendments name them); a retry gets the same ones. */
export function withSourceIds(sources: SourceDto[], commandId: string): IncidentSource[] {
  return sources.map((source, index) => ({ ...source, id: source.id ?? `src-${uuidv5(`${commandId}:${index}`, SOURCES).slice(0, 8)}` }));
}
