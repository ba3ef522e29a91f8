import { BadRequestException } from '@nestjs/common';
import { parseMoment } from '#domain';
import { isUUID } from 'class-validator';
import type { SelectQueryBuilder } from 'typeorm';

/**
 * Pages of incidents in a stable order (occurred time, then id) with an opaque cursor: the last
 * row's pair. Shared by the list and the map's points, so both page the same way.
 */
export function orderedPage<T extends object>(query: SelectQueryBuilder<T>, limit: number, after: string | undefined) {
  query.orderBy('i.occurred_at', 'ASC').addOrderBy('i.id', 'ASC').limit(limit + 1);
  if (after) {
    const { occurredAt, id } = decodeCursor(after);
    query.andWhere('(i.occurred_at, i.id) > (:cursorAt, :cursorId)', { cursorAt: occurredAt, cursorId: id });
  }
  return query;
}

/** The page's rows and, when one more row was read than asked for, the cursor of the next page. */
export function cutPage<R>(rows: R[], limit: number, keyOf: (row: R) => { occurredAt: Date; id: string }): { page: R[]; nextCursor?: string } {
  const page = rows.slice(0, limit);
  return rows.length > limit ? { page, nextCursor: encodeCursor(keyOf(page[page.length - 1])) } : { page };
}

function encodeCursor({ occurredAt, id }: { occurredAt: Date; id: string }): string {
  return Buffer.from(`${occurredAt.toISOString()}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { occurredAt: Date; id: string } {
  const parts = Buffer.from(cursor, 'base64url').toString().split('|');
  const occurredAt = parseMoment(parts[0])?.start;
  const id = parts[1];
  if (parts.length !== 2 || !occurredAt || !isUUID(id)) {
    throw new BadRequestException({ code: 'validation_failed', detail: 'after is not a cursor from this API', errors: [{ field: 'after', messages: ['after is not a cursor from this API'] }] });
  }
  return { occurredAt, id };
}
