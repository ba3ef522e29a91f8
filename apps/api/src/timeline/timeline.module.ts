import { Module } from '@nestjs/common';
import { ProjectionsModule } from '../projections/projections.module.js';
import { TimelineQueryHandlers } from './queries/index.js';
import { TimelineController } from './timeline.controller.js';

@Module({
  imports: [ProjectionsModule],
  controllers: [TimelineController],
  providers: [...TimelineQueryHandlers],
})
export class TimelineModule {}
