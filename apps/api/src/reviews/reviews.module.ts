import { Module } from '@nestjs/common';
import { ProjectionsModule } from '../projections/projections.module.js';
import { ReviewCommandHandlers } from './commands/index.js';
import { ReviewQueryHandlers } from './queries/index.js';
import { ReviewsController } from './reviews.controller.js';

@Module({
  imports: [ProjectionsModule],
  controllers: [ReviewsController],
  providers: [...ReviewCommandHandlers, ...ReviewQueryHandlers],
})
export class ReviewsModule {}
