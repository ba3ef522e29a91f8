import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { NotFoundError, reviewStreamId } from '#domain';
import type { EventStore } from '#event-store';
import { ReviewRow } from '#read-models';
import type { DataSource } from 'typeorm';
import { EVENT_STORE, READ_MODELS } from '../../../infrastructure/tokens.js';
import { toReviewView } from '../review-view.js';
import { GetReviewQuery } from './get-review.query.js';

/** The review as the read model has it, with its history read from the stream itself. */
@QueryHandler(GetReviewQuery)
export class GetReviewHandler implements IQueryHandler<GetReviewQuery> {
  constructor(
    @Inject(READ_MODELS) private readonly db: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ reviewId }: GetReviewQuery) {
    const [row, events] = await Promise.all([this.db.getRepository(ReviewRow).findOneBy({ id: reviewId }), this.store.readStream(reviewStreamId(reviewId))]);
    if (!row || events.length === 0) throw new NotFoundError('review_not_found', `no review ${reviewId}`);
    return {
      ...toReviewView(row),
      history: events.map((e) => ({
        type: e.type,
        version: e.version,
        recordedAt: e.recordedAt,
        recordedBy: e.metadata.userId,
        ...(e.metadata.reason ? { reason: e.metadata.reason } : {}),
        data: e.data,
      })),
    };
  }
}
