import { Module, type DynamicModule } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import type { LogLevel } from '#tracker';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule } from './auth/auth.module.js';
import { DemoSetService } from './demo/demo-set.service.js';
import { HealthController } from './health/health.controller.js';
import { requestLog } from './http/request-log.js';
import { ImportsModule } from './imports/imports.module.js';
import { IncidentsModule } from './incidents/incidents.module.js';
import { EvidenceModule } from './evidence/evidence.module.js';
import { InfrastructureModule } from './infrastructure/infrastructure.module.js';
import type { TrackerOptions } from './infrastructure/tracker-options.js';
import { ProjectionsModule } from './projections/projections.module.js';
import { ReferenceController } from './reference/reference.controller.js';
import { ReferenceDataModule } from './reference-data/reference-data.module.js';
import { ReviewsModule } from './reviews/reviews.module.js';
import { ViolationsModule } from './violations/violations.module.js';
import { TimelineModule } from './timeline/timeline.module.js';
import { StatisticsModule } from './statistics/statistics.module.js';

@Module({})
export class AppModule {
  static forRoot(options: TrackerOptions & { logLevel: LogLevel; logDestination?: DestinationStream }): DynamicModule {
    return {
      module: AppModule,
      imports: [requestLog(options.logLevel, options.logDestination), CqrsModule.forRoot(), InfrastructureModule.forRoot(options), AuthModule.forRoot(options.auth), ProjectionsModule, IncidentsModule, EvidenceModule, TimelineModule, ReferenceDataModule, ReviewsModule, ViolationsModule, StatisticsModule, ImportsModule],
      controllers: [HealthController, ReferenceController],
      providers: [DemoSetService],
    };
  }
}
