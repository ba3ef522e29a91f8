import { Module } from '@nestjs/common';
import { ProjectionsModule } from '../projections/projections.module.js';
import { ActorsController } from './actors/actors.controller.js';
import { ActorCommandHandlers } from './actors/commands/index.js';
import { ListActorsHandler } from './actors/queries/list-actors/list-actors.handler.js';
import { AgreementsController } from './agreements/agreements.controller.js';
import { AgreementCommandHandlers } from './agreements/commands/index.js';
import { ListAgreementsHandler } from './agreements/queries/list-agreements/list-agreements.handler.js';
import { CoalitionsController } from './coalitions/coalitions.controller.js';
import { CoalitionCommandHandlers } from './coalitions/commands/index.js';
import { ListCoalitionsHandler } from './coalitions/queries/list-coalitions/list-coalitions.handler.js';

/** Actors, coalitions and agreements as event streams, editable over the API. */
@Module({
  imports: [ProjectionsModule],
  controllers: [ActorsController, CoalitionsController, AgreementsController],
  providers: [
    ...ActorCommandHandlers,
    ...CoalitionCommandHandlers,
    ...AgreementCommandHandlers,
    ListActorsHandler,
    ListCoalitionsHandler,
    ListAgreementsHandler,
  ],
})
export class ReferenceDataModule {}
