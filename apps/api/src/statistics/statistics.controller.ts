import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Requires } from '../auth/access.decorators.js';
import { incidentReadModels, waitForReadModels } from '../http/read-your-writes.js';
import { ProjectionsService } from '../projections/projections.service.js';
import { incidentStatsCsv } from './queries/incident-stats/incident-stats-csv.js';
import { IncidentStatsDto } from './queries/incident-stats/incident-stats.dto.js';
import { IncidentStatsQuery } from './queries/incident-stats/incident-stats.query.js';

@ApiTags('statistics')
@Controller('api/stats')
export class StatisticsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly projections: ProjectionsService,
  ) {}

  @Requires('incidents:read')
  @Get()
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({
    summary: 'Incidents counted, and killed/injured/abducted summed, by one or two keys, with the map filters and `asOf`',
    description:
      'Periods are of occurred time in UTC (a week is named by its Monday). An incident counts once under each of its actors or targets. ' +
      'Without `status`, retracted incidents are counted, as the list returns them; pass `status=active` to leave them out.',
  })
  async stats(@Query() filters: IncidentStatsDto, @Res({ passthrough: true }) response: Response) {
    await waitForReadModels(this.projections, incidentReadModels(filters.asOf), filters.minPosition, response);
    const stats = await this.queries.execute(new IncidentStatsQuery(filters));
    if (filters.format !== 'csv') return stats;
    response.setHeader('Content-Disposition', 'attachment; filename="incident-stats.csv"');
    response.type('text/csv; charset=utf-8');
    return incidentStatsCsv(stats);
  }
}
