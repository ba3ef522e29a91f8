import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CoalitionRow } from '#read-models';
import type { DataSource } from 'typeorm';
import { READ_MODELS } from '../../../../infrastructure/tokens.js';
import { toCoalitionView } from './coalition-view.js';
import { ListCoalitionsQuery } from './list-coalitions.query.js';

@QueryHandler(ListCoalitionsQuery)
export class ListCoalitionsHandler implements IQueryHandler<ListCoalitionsQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: DataSource) {}

  async execute() {
    const rows = await this.db.getRepository(CoalitionRow).find({ order: { id: 'ASC' } });
    return { coalitions: rows.map(toCoalitionView) };
  }
}
