import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ActorRow } from '#read-models';
import type { DataSource } from 'typeorm';
import { READ_MODELS } from '../../../../infrastructure/tokens.js';
import { toActorView } from './actor-view.js';
import { ListActorsQuery } from './list-actors.query.js';

@QueryHandler(ListActorsQuery)
export class ListActorsHandler implements IQueryHandler<ListActorsQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: DataSource) {}

  async execute({ provisional }: ListActorsQuery) {
    const query = this.db.getRepository(ActorRow).createQueryBuilder('a').orderBy('a.id', 'ASC');
    if (provisional) query.where(`(a.record->>'provisional')::boolean AND a.record->>'mergedInto' IS NULL`);
    const rows = await query.getMany();
    return { actors: rows.map(toActorView) };
  }
}
