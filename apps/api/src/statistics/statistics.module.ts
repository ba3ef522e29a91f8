import { Module } from '@nestjs/common';
import { ProjectionsModule } from '../projections/projections.module.js';
import { IncidentStatsHandler } from './queries/incident-stats/incident-stats.handler.js';
import { StatisticsController } from './statistics.controller.js';

@Module({
  imports: [ProjectionsModule],
  controllers: [StatisticsController],
  providers: [IncidentStatsHandler],
})
export class StatisticsModule {}
