import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { AgreementRow } from '#read-models';
import type { DataSource } from 'typeorm';
import { READ_MODELS } from '../../../../infrastructure/tokens.js';
import { toAgreementView } from './agreement-view.js';
import { ListAgreementsQuery } from './list-agreements.query.js';

@QueryHandler(ListAgreementsQuery)
export class ListAgreementsHandler implements IQueryHandler<ListAgreementsQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: DataSource) {}

  async execute() {
    const rows = await this.db.getRepository(AgreementRow).find({ order: { inForceFrom: 'ASC', id: 'ASC' } });
    return { agreements: rows.map(toAgreementView) };
  }
}
