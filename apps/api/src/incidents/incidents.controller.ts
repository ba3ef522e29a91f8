import { Requires } from '../auth/access.decorators.js';
import { Readable } from 'node:stream';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { v5 as uuidv5 } from 'uuid';
import { uuidParam } from '../http/canonical-ids.js';
import { Issuer, type CommandMetadata } from '../http/command-metadata.js';
import { incidentReadModels, waitForReadModels } from '../http/read-your-writes.js';
import { RecordsEvents } from '../auth/records-events.js';
import { ProjectionsService } from '../projections/projections.service.js';
import { RecordIncidentCommand } from './incident.command.js';
import { RetractIncidentDto } from './retract-incident.dto.js';
import { SetVerificationDto } from './set-verification.dto.js';
import { AmendIncidentDto, ReportIncidentDto } from './incident.dto.js';
import { ExportIncidentsQuery } from './queries/export-incidents/export-incidents.query.js';
import { GetIncidentHistoryQuery } from './queries/get-incident-history/get-incident-history.query.js';
import { GetIncidentQuery } from './queries/get-incident/get-incident.query.js';
import { ExportIncidentsDto } from './queries/export-incidents/export-incidents.dto.js';
import { ListIncidentsDto } from './queries/list-incidents/list-incidents.dto.js';
import { ListIncidentsQuery } from './queries/list-incidents/list-incidents.query.js';
import { IncidentPagesDto } from './queries/incident-pages.dto.js';
import { MapIncidentsQuery } from './queries/map-incidents/map-incidents.query.js';
import { withSourceIds } from './source-ids.js';
import { DiffIncidentDto } from '../timeline/queries/diff-incident/diff-incident.dto.js';
import { DiffIncidentQuery } from '../timeline/queries/diff-incident/diff-incident.query.js';

const INCIDENT_IDS = '9a3e2d51-6c0b-4e8f-b7a4-31d5c2e8f0a7';
const incidentId = uuidParam('id');

@ApiTags('incidents')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'a retry with the same key appends nothing and answers as the first time' })
@Controller('api/incidents')
export class IncidentsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly projections: ProjectionsService,
  ) {}

  @RecordsEvents('incidents:report', 'POST', '', 'Report an incident')
  async report(@Body() body: ReportIncidentDto, @Issuer() meta: CommandMetadata) {
    const { id, ...details } = body;
    // Without a client-made id, the id follows from the command, so a retry finds the same incident.
    const incidentId = id ?? uuidv5(meta.commandId, INCIDENT_IDS);
    const command = { type: 'ReportIncident' as const, data: { incidentId, details: { ...details, sources: withSourceIds(details.sources, meta.commandId) } } };
    return { id: incidentId, ...(await this.commands.execute(new RecordIncidentCommand(command, meta))) };
  }

  @RecordsEvents('incidents:correct-own', 'PATCH', ':id', 'Amend an incident (only the fields given), with a reason; monitors amend only their own reports')
  amend(@Param('id', incidentId) id: string, @Body() body: AmendIncidentDto, @Issuer() meta: CommandMetadata) {
    const { sources, ...rest } = body.changes;
    const changes = sources ? { ...rest, sources: withSourceIds(sources, meta.commandId) } : rest;
    const { expectedVersion, reason } = body;
    return this.commands.execute(new RecordIncidentCommand({ type: 'AmendIncident', data: { incidentId: id, changes, reason } }, meta, { expectedVersion, reason }));
  }

  @RecordsEvents('incidents:verify', 'POST', ':id/verification', 'Change the verification level, with a note')
  verify(@Param('id', incidentId) id: string, @Body() body: SetVerificationDto, @Issuer() meta: CommandMetadata) {
    const { expectedVersion, level, note } = body;
    return this.commands.execute(new RecordIncidentCommand({ type: 'SetVerification', data: { incidentId: id, level, note } }, meta, { expectedVersion, reason: note }));
  }

  @RecordsEvents('incidents:correct-own', 'POST', ':id/retraction', 'Retract an incident: a false report, or a duplicate of another; monitors retract only their own reports')
  retract(@Param('id', incidentId) id: string, @Body() body: RetractIncidentDto, @Issuer() meta: CommandMetadata) {
    const { expectedVersion, reason, note, duplicateOf } = body;
    const command = { type: 'RetractIncident' as const, data: { incidentId: id, reason, note, duplicateOf } };
    return this.commands.execute(new RecordIncidentCommand(command, meta, { expectedVersion, reason: note }));
  }

  @Requires('sources:erase')
  @Post(':id/sources/:sourceId/erasure')
  @HttpCode(200)
  @ApiOperation({ summary: 'Forget a source: its key is deleted, so its reference is unreadable everywhere' })
  eraseSource(@Param('id', incidentId) id: string, @Param('sourceId') sourceId: string, @Issuer() meta: CommandMetadata) {
    return this.commands.execute(new RecordIncidentCommand({ type: 'EraseSource', data: { incidentId: id, sourceId } }, meta, { reason: 'source erased' }));
  }

  @Requires('incidents:read')
  @Get()
  @ApiOperation({ summary: 'Incidents as a GeoJSON FeatureCollection, filtered and paged; `asOf`: as known at that recorded time' })
  async list(@Query() filters: ListIncidentsDto, @Res({ passthrough: true }) response: Response) {
    // The record as known at a moment is kept by the timeline projection.
    await waitForReadModels(this.projections, incidentReadModels(filters.asOf), filters.minPosition, response);
    response.type('application/geo+json');
    return this.queries.execute(new ListIncidentsQuery(filters));
  }

  @Requires('incidents:read')
  @Get('map')
  @ApiOperation({
    summary: 'The incidents of a view as the map draws them: `fields` names the values of each incident in `incidents`',
    description: 'Same filters and pages as the list; a tenth of its size, for clustering thousands of incidents at once.',
  })
  async map(@Query() filters: IncidentPagesDto, @Res({ passthrough: true }) response: Response) {
    await waitForReadModels(this.projections, incidentReadModels(), filters.minPosition, response);
    return this.queries.execute(new MapIncidentsQuery(filters));
  }

  @Requires('exports:read')
  @Get('export')
  @ApiOperation({
    summary: "The filtered incidents (with `asOf`, as known then) as a file: the tracker's CSV, ACLED's layout (`hxl=true`: HXL hashtags), UCDP-like CSV, or GeoJSON",
    description: 'Streamed a thousand incidents at a time. Confidential sources are left out; ACLED and UCDP layouts leave retracted incidents out.',
  })
  async export(@Query() filters: ExportIncidentsDto, @Res({ passthrough: true }) response: Response) {
    const { format } = filters;
    await waitForReadModels(this.projections, incidentReadModels(filters.asOf), filters.minPosition, response);
    const chunks = await this.queries.execute(new ExportIncidentsQuery(filters));
    const [name, type] = format === 'geojson' ? ['incidents.geojson', 'application/geo+json'] : [`incidents${format === 'csv' ? '' : `-${format}`}.csv`, 'text/csv; charset=utf-8'];
    return new StreamableFile(Readable.from(chunks), { type, disposition: `attachment; filename="${name}"` });
  }

  @Requires('incidents:read')
  @Get(':id')
  @ApiOperation({ summary: 'One incident with its current version' })
  async get(@Param('id', incidentId) id: string, @Query('minPosition') minPosition: string | undefined, @Res({ passthrough: true }) response: Response) {
    await waitForReadModels(this.projections, ['incidents'], minPosition, response);
    return this.queries.execute(new GetIncidentQuery(id));
  }

  @Requires('timeline:read')
  @Get(':id/diff')
  @ApiOperation({ summary: 'What changed in the record of the incident between two recorded times (field: before → after)' })
  diff(@Param('id', incidentId) id: string, @Query() range: DiffIncidentDto) {
    return this.queries.execute(new DiffIncidentQuery(id, range.from, range.to));
  }

  @Requires('incidents:read')
  @Get(':id/history')
  @ApiOperation({ summary: 'Every event of the incident: who changed what, when and why' })
  history(@Param('id', incidentId) id: string) {
    return this.queries.execute(new GetIncidentHistoryQuery(id));
  }
}
