import { Module } from '@nestjs/common';
import { ProjectionsModule } from '../projections/projections.module.js';
import { ActorsController } from './actors/actors.controller.js';
import { ActorHandler } from './actors/actor.handler.js';
import { ListActorsHandler } from './actors/queries/list-actors/list-actors.handler.js';
import { AgreementsController } from './agreements/agreements.controller.js';
import { AgreementHandler } from './agreements/agreement.handler.js';
import { ListAgreementsHandler } from './agreements/queries/list-agreements/list-agreements.handler.js';
import { CoalitionsController } from './coalitions/coalitions.controller.js';
import { CoalitionHandler } from './coalitions/coalition.handler.js';
import { ListCoalitionsHandler } from './coalitions/queries/list-coalitions/list-coalitions.handler.js';

/** Actors, coalitions and agreements as event streams, editable over the API. */
@Module({
  imports: [ProjectionsModule],
  controllers: [ActorsController, CoalitionsController, AgreementsController],
  providers: [
    ActorHandler,
    CoalitionHandler,
    AgreementHandler,
    ListActorsHandler,
    ListCoalitionsHandler,
    ListAgreementsHandler,
  ],
})
export class ReferenceDataModule {}
