import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MAP_FIELDS } from './map-incidents.query.js';

// The OpenAPI description of the map's incidents, from which the web app's types are generated
// (`npm run api:types`): an incident is a tuple, its values typed in the order of MAP_FIELDS.

/** JSON Schema, as far as this file writes it (@nestjs/swagger does not export its type). */
type Schema = { type: string; format?: string; nullable?: boolean; description?: string };

const FIELD_SCHEMAS: Record<(typeof MAP_FIELDS)[number], Schema> = {
  id: { type: 'string', format: 'uuid' },
  lon: { type: 'number' },
  lat: { type: 'number' },
  type: { type: 'string' },
  killed: { type: 'integer', nullable: true, description: 'null: no figure' },
  occurredAt: { type: 'string', description: 'as reported: a date, or a date-time with offset' },
  place: { type: 'string' },
  retracted: { type: 'boolean' },
};

const MAP_INCIDENT = {
  type: 'array',
  description: `One incident: ${MAP_FIELDS.join(', ')}`,
  prefixItems: MAP_FIELDS.map((field) => ({ ...FIELD_SCHEMAS[field], title: field })),
  minItems: MAP_FIELDS.length,
  maxItems: MAP_FIELDS.length,
};

export class MapIncidentsView {
  @ApiProperty({ type: 'array', items: { type: 'string', enum: [...MAP_FIELDS] }, description: 'the names of each incident’s values, in order' })
  fields: string[];

  // prefixItems (JSON Schema 2020-12) makes openapi-typescript write a tuple.
  @ApiProperty({ type: 'array', items: MAP_INCIDENT as { type: 'array' } })
  incidents: unknown[][];

  @ApiPropertyOptional({ description: 'the next page’s `after`, when there is one' })
  nextCursor?: string;
}
