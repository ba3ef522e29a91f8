import { Module } from '@nestjs/common';
import { ProjectionsModule } from '../projections/projections.module.js';
import { IncidentCommandHandlers } from './commands/index.js';
import { IncidentsController } from './incidents.controller.js';
import { IncidentQueryHandlers } from './queries/index.js';

@Module({
  imports: [ProjectionsModule],
  controllers: [IncidentsController],
  providers: [...IncidentCommandHandlers, ...IncidentQueryHandlers],
})
export class IncidentsModule {}
