import { Module } from '@nestjs/common';
import { ProjectionsModule } from '../projections/projections.module.js';
import { IncidentHandler } from './incident.handler.js';
import { IncidentsController } from './incidents.controller.js';
import { IncidentQueryHandlers } from './queries/index.js';

@Module({
  imports: [ProjectionsModule],
  controllers: [IncidentsController],
  providers: [IncidentHandler, ...IncidentQueryHandlers],
})
export class IncidentsModule {}
