import { BadRequestException, Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { isCalendarDate } from '#domain';
import { ReviewRow } from '#read-models';
import { isUUID } from 'class-validator';
import type { DataSource } from 'typeorm';
import { READ_MODELS } from '../../../infrastructure/tokens.js';
import { toReviewView } from '../review-view.js';
import { ListReviewsQuery, type ReviewPage } from './list-reviews.query.js';

/** Reviews in incident-day order (then id), filtered, with an opaque cursor. */
@QueryHandler(ListReviewsQuery)
export class ListReviewsHandler implements IQueryHandler<ListReviewsQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: DataSource) {}

  async execute({ filters }: ListReviewsQuery): Promise<ReviewPage> {
    const limit = filters.limit ?? 100;
    const query = this.db
      .getRepository(ReviewRow)
      .createQueryBuilder('r')
      .orderBy('r.incident_occurred_on', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .limit(limit + 1);
    if (filters.status?.length) query.andWhere('r.status = ANY(:statuses)', { statuses: filters.status });
    if (filters.agreement?.length) query.andWhere('r.agreement_id = ANY(:agreements)', { agreements: filters.agreement });
    if (filters.party?.length) query.andWhere('r.parties && :parties', { parties: filters.party });
    if (filters.incident) query.andWhere('r.incident_id = :incident', { incident: filters.incident });
    if (filters.from) query.andWhere('r.incident_occurred_on >= :from::date', { from: filters.from });
    if (filters.to) query.andWhere('r.incident_occurred_on <= :to::date', { to: filters.to });
    if (filters.flagged !== undefined) {
      query.andWhere(filters.flagged ? "r.incident_retracted AND r.status <> 'decided'" : "NOT (r.incident_retracted AND r.status <> 'decided')");
    }
    if (filters.after) {
      const { day, id } = decodeCursor(filters.after);
      query.andWhere('(r.incident_occurred_on, r.id) > (:cursorDay::date, :cursorId::uuid)', { cursorDay: day, cursorId: id });
    }
    const rows = await query.getMany();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      reviews: page.map(toReviewView),
      ...(rows.length > limit ? { nextCursor: Buffer.from(`${last.incidentOccurredOn}|${last.id}`).toString('base64url') } : {}),
    };
  }
}

function decodeCursor(cursor: string): { day: string; id: string } {
  const parts = Buffer.from(cursor, 'base64url').toString().split('|');
  const [day, id] = parts;
  if (parts.length !== 2 || !isCalendarDate(day) || !isUUID(id)) {
    const message = 'after is not a cursor from this API';
    throw new BadRequestException({ code: 'validation_failed', detail: message, errors: [{ field: 'after', messages: [message] }] });
  }
  return { day, id };
}
