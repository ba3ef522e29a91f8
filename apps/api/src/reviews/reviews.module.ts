import { Module } from '@nestjs/common';
import { ProjectionsModule } from '../projections/projections.module.js';
import { ReviewQueryHandlers } from './queries/index.js';
import { ReviewHandler } from './review.handler.js';
import { ReviewsController } from './reviews.controller.js';

@Module({
  imports: [ProjectionsModule],
  controllers: [ReviewsController],
  providers: [ReviewHandler, ...ReviewQueryHandlers],
})
export class ReviewsModule {}
