import { Requires } from '../auth/access.decorators.js';
import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ProjectionsService } from '../projections/projections.service.js';
import { waitForReadModels } from '../http/read-your-writes.js';
import { ViolationsByGroupDto } from './queries/violations-by-group/violations-by-group.dto.js';
import { ViolationsByGroupQuery } from './queries/violations-by-group/violations-by-group.query.js';
import { ViolationsByGroupView } from './queries/violations-by-group/violations-by-group.view.js';
import { violationsCsv } from './queries/violations-by-group/violations-csv.js';
import { ViolationsCellDto } from './queries/violations-cell/violations-cell.dto.js';
import { ViolationsCellQuery } from './queries/violations-cell/violations-cell.query.js';

const READ_MODELS_USED = ['reviews', 'coalitions', 'actors'];

/** Violations by group: the ceasefire mechanism's main report, by actor or by coalition. */
@ApiTags('violations')
@Controller('api/violations')
export class ViolationsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly projections: ProjectionsService,
  ) {}

  @Requires('reviews:read')
  @Get('by-group')
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({
    summary: 'One row per group: alleged, under review, confirmed, dismissed, inconclusive, killed in confirmed violations (CSV with Accept: text/csv)',
  })
  @ApiOkResponse({ type: ViolationsByGroupView })
  async byGroup(@Query() filters: ViolationsByGroupDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    await waitForReadModels(this.projections, READ_MODELS_USED, filters.minPosition, response);
    const table = await this.queries.execute(new ViolationsByGroupQuery(filters));
    if (request.accepts(['application/json', 'text/csv']) !== 'text/csv') return table;
    return this.csv(table.rows, response);
  }

  @Requires('reviews:read')
  @Get('by-group.csv')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The by-group table as a CSV file' })
  async byGroupCsv(@Query() filters: ViolationsByGroupDto, @Res({ passthrough: true }) response: Response) {
    await waitForReadModels(this.projections, READ_MODELS_USED, filters.minPosition, response);
    const table = await this.queries.execute(new ViolationsByGroupQuery(filters));
    return this.csv(table.rows, response);
  }

  @Requires('reviews:read')
  @Get('by-group/cell')
  @ApiOperation({ summary: 'The reviews and incidents behind one cell of the by-group table' })
  async cell(@Query() filters: ViolationsCellDto, @Res({ passthrough: true }) response: Response) {
    await waitForReadModels(this.projections, READ_MODELS_USED, filters.minPosition, response);
    return this.queries.execute(new ViolationsCellQuery(filters));
  }

  private csv(rows: Parameters<typeof violationsCsv>[0], response: Response) {
    response.setHeader('Content-Disposition', 'attachment; filename="violations-by-group.csv"');
    response.setHeader('Vary', 'Accept');
    response.type('text/csv; charset=utf-8');
    return violationsCsv(rows);
  }
}
