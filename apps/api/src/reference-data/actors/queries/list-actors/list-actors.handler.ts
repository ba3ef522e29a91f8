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

  async execute() {
    const rows = await this.db.getRepository(ActorRow).find({ order: { id: 'ASC' } });
    return { actors: rows.map(toActorView) };
  }
}
