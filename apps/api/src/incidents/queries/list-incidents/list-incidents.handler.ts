import { BadRequestException, Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { IncidentRow, IncidentVersionRow, validAt } from '#read-models';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { READ_MODELS } from '../../../infrastructure/tokens.js';
import { knowledgeInstant } from '../../../timeline/as-of.js';
import { toFeature } from '../incident-feature.js';
import { applyIncidentFilters } from '../incident-filters.js';
import { ListIncidentsQuery, type IncidentPage } from './list-incidents.query.js';

/**
 * Pages in a stable order (occurred time, then id) with an opaque cursor. With `asOf`, the same
 * from the versions of the records that were current at that recorded time (`incident_versions`).
 */
@QueryHandler(ListIncidentsQuery)
export class ListIncidentsHandler implements IQueryHandler<ListIncidentsQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: DataSource) {}

  async execute({ filters }: ListIncidentsQuery): Promise<IncidentPage> {
    const limit = filters.limit ?? 1000;
    const source = filters.asOf
      ? (this.db.getRepository(IncidentVersionRow).createQueryBuilder('i').where(validAt('i'), { asOf: knowledgeInstant(filters.asOf) }) as unknown as SelectQueryBuilder<IncidentRow>)
      : this.db.getRepository(IncidentRow).createQueryBuilder('i');
    const query = applyIncidentFilters(source, filters)
      .orderBy('i.occurred_at', 'ASC')
      .addOrderBy('i.id', 'ASC')
      .limit(limit + 1);
    if (filters.after) {
      const { occurredAt, id } = decodeCursor(filters.after);
      query.andWhere('(i.occurred_at, i.id) > (:cursorAt, :cursorId)', { cursorAt: occurredAt, cursorId: id });
    }
    const rows = await query.getMany();
    const page = rows.slice(0, limit);
    return {
      type: 'FeatureCollection',
      features: page.map(toFeature),
      ...(rows.length > limit ? { nextCursor: encodeCursor(page[page.length - 1]) } : {}),
    };
  }
}

function encodeCursor(row: IncidentRow): string {
  return Buffer.from(`${row.occurredAt.toISOString()}|${row.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { occurredAt: string; id: string } {
  const [occurredAt, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!/^[0-9a-f-]{36}$/i.test(id ?? '') || Number.isNaN(Date.parse(occurredAt))) {
    throw new BadRequestException({ statusCode: 400, error: 'validation_failed', message: 'after is not a cursor from this API', errors: [{ field: 'after', messages: ['after is not a cursor from this API'] }] });
  }
  return { occurredAt, id };
}
