import { Requires } from '../auth/access.decorators.js';
import { Body, Controller, Get, Param, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { reviewIdOf } from '#domain';
import { uuidParam } from '../http/canonical-ids.js';
import { Issuer, type CommandMetadata } from '../http/command-metadata.js';
import { RecordsEvents } from '../auth/records-events.js';
import { ProjectionsService } from '../projections/projections.service.js';
import { waitForReadModels } from '../http/read-your-writes.js';
import { AllegeViolationDto } from './allege-violation.dto.js';
import { RecordFindingDto } from './record-finding.dto.js';
import { ReopenReviewDto } from './reopen-review.dto.js';
import { RecordReviewCommand } from './review.command.js';
import { GetReviewQuery } from './queries/get-review/get-review.query.js';
import { ListReviewsDto } from './queries/list-reviews/list-reviews.dto.js';
import { ListReviewsQuery } from './queries/list-reviews/list-reviews.query.js';

const reviewId = uuidParam('id');

/** Violation reviews: an allegation against an agreement, the mechanism's findings, reopenings. */
@ApiTags('reviews')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'a retry with the same key appends nothing and answers as the first time' })
@Controller('api/reviews')
export class ReviewsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly projections: ProjectionsService,
  ) {}

  @RecordsEvents('reviews:decide', 'POST', '', 'Allege that an incident violated an agreement: opens its review (one per incident and agreement)')
  async allege(@Body() body: AllegeViolationDto, @Issuer() meta: CommandMetadata) {
    const reviewId = reviewIdOf(body.incidentId, body.agreementId);
    return { id: reviewId, ...(await this.commands.execute(new RecordReviewCommand({ type: 'AllegeViolation', data: { reviewId, ...body } }, meta))) };
  }

  @RecordsEvents('reviews:decide', 'POST', ':id/finding', 'Record the finding of an open or reopened review; a stale expectedVersion gets 409')
  find(@Param('id', reviewId) id: string, @Body() body: RecordFindingDto, @Issuer() meta: CommandMetadata) {
    const { expectedVersion, responsibleParties, provisions, ...rest } = body;
    const finding = { reviewId: id, ...rest, responsibleParties: responsibleParties ?? [], provisions: provisions ?? [] };
    return this.commands.execute(new RecordReviewCommand({ type: 'RecordFinding', data: finding }, meta, { expectedVersion, reason: rest.note }));
  }

  @RecordsEvents('reviews:decide', 'POST', ':id/reopening', 'Reopen a decided review, with a reason; a new finding follows')
  reopen(@Param('id', reviewId) id: string, @Body() body: ReopenReviewDto, @Issuer() meta: CommandMetadata) {
    const { expectedVersion, reason } = body;
    return this.commands.execute(new RecordReviewCommand({ type: 'ReopenReview', data: { reviewId: id, reason } }, meta, { expectedVersion, reason }));
  }

  @Requires('reviews:read')
  @Get()
  @ApiOperation({ summary: 'Reviews, filtered by status, agreement, party, incident and incident period; paged' })
  async list(@Query() filters: ListReviewsDto, @Res({ passthrough: true }) response: Response) {
    await waitForReadModels(this.projections, ['reviews'], filters.minPosition, response);
    return this.queries.execute(new ListReviewsQuery(filters));
  }

  @Requires('reviews:read')
  @Get(':id')
  @ApiOperation({ summary: 'One review with its current finding and its history (every event: who, when, why)' })
  @ApiQuery({ name: 'minPosition', required: false })
  async get(@Param('id', reviewId) id: string, @Query('minPosition') minPosition: string | undefined, @Res({ passthrough: true }) response: Response) {
    await waitForReadModels(this.projections, ['reviews'], minPosition, response);
    return this.queries.execute(new GetReviewQuery(id));
  }
}
