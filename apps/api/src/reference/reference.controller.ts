import { Requires } from '../auth/access.decorators.js';
import { readFile } from 'node:fs/promises';
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ACTOR_ROLES,
  GEO_PRECISIONS,
  INCIDENT_TYPES,
  RETRACTION_REASONS,
  SOURCE_KINDS,
  SOURCE_RELIABILITIES,
  TARGETS,
  TIME_PRECISIONS,
  VERIFICATION_LEVELS,
} from '#domain';
import { DEFAULT_CONTEXT } from '#tracker';
import { TRACKER_OPTIONS } from '../infrastructure/tokens.js';
import type { TrackerOptions } from '../infrastructure/tracker-options.js';
import { dataFile } from '../project/project-root.js';

interface Place {
  name: string;
  lat: number;
  lon: number;
  admin1: string;
}

@ApiTags('reference')
@Controller('api/reference')
export class ReferenceController {
  private places?: Promise<Place[]>;

  constructor(@Inject(TRACKER_OPTIONS) private readonly options: TrackerOptions) {}

  @Requires('reference:read')
  @Get('context')
  @ApiOperation({ summary: 'What the data covers, as configured (TRACKER_CONTEXT): the header of the app' })
  context() {
    return { context: this.options.context ?? DEFAULT_CONTEXT };
  }

  @Requires('reference:read')
  @Get('taxonomy')
  @ApiOperation({ summary: 'The closed vocabularies of an incident (ACLED types and sub-types, targets, …)' })
  taxonomy() {
    return {
      types: INCIDENT_TYPES,
      targets: TARGETS,
      timePrecisions: TIME_PRECISIONS,
      geoPrecisions: GEO_PRECISIONS,
      actorRoles: ACTOR_ROLES,
      verificationLevels: VERIFICATION_LEVELS,
      sourceKinds: SOURCE_KINDS,
      sourceReliabilities: SOURCE_RELIABILITIES,
      retractionReasons: RETRACTION_REASONS,
    };
  }

  @Requires('reference:read')
  @Get('places')
  @ApiOperation({ summary: 'The gazetteer: place names with coordinates and region' })
  async gazetteer() {
    this.places ??= readFile(dataFile('gazetteer.json'), 'utf8').then((text) =>
      (JSON.parse(text) as { places: Place[] }).places.map(({ name, lat, lon, admin1 }) => ({ name, lat, lon, admin1 })),
    );
    return { places: await this.places };
  }
}
