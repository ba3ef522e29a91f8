import { Requires } from '../auth/access.decorators.js';
import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { TIMELINE_PROJECTION, waitForReadModels } from '../http/read-your-writes.js';
import { ProjectionsService } from '../projections/projections.service.js';
import { GetTimelineDto } from './queries/get-timeline/get-timeline.dto.js';
import { GetTimelineQuery } from './queries/get-timeline/get-timeline.query.js';

@ApiTags('timeline')
@Controller('api/timeline')
export class TimelineController {
  constructor(
    private readonly queries: QueryBus,
    private readonly projections: ProjectionsService,
  ) {}

  @Requires('timeline:read')
  @Get()
  @ApiOperation({
    summary: 'Timeline entries (reports, amendments, verification changes, retractions, findings) in a window of occurred time',
    description:
      '`around` a date, date-time or incident id with `before`/`after` ISO-8601 durations (default P7D each), or `from`/`to`; ' +
      'the map filters apply; `asOf` gives the record as known at that recorded time.',
  })
  async timeline(@Query() params: GetTimelineDto, @Res({ passthrough: true }) response: Response) {
    await waitForReadModels(this.projections, [TIMELINE_PROJECTION, 'actors'], params.minPosition, response);
    response.type('application/json');
    return this.queries.execute(new GetTimelineQuery(params));
  }
}
