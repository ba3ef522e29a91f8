import { Module } from '@nestjs/common';
import { ProjectionsModule } from '../projections/projections.module.js';
import { ViolationsByGroupHandler } from './queries/violations-by-group/violations-by-group.handler.js';
import { ViolationsCellHandler } from './queries/violations-cell/violations-cell.handler.js';
import { ViolationsController } from './violations.controller.js';

@Module({
  imports: [ProjectionsModule],
  controllers: [ViolationsController],
  providers: [ViolationsByGroupHandler, ViolationsCellHandler],
})
export class ViolationsModule {}
