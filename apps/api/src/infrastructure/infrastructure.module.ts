import { Global, Logger, Module, type DynamicModule } from '@nestjs/common';
import { EvidenceKeyring, EvidenceStorage, postgresEvidenceFiles, SourceKeyring } from '#tracker';
import { EVENT_STORE, READ_MODELS, TRACKER_OPTIONS } from './tokens.js';
import type { TrackerOptions } from './tracker-options.js';

@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(options: TrackerOptions): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: TRACKER_OPTIONS, useValue: options },
        { provide: EVENT_STORE, useValue: options.store },
        { provide: READ_MODELS, useValue: options.readModels },
        { provide: SourceKeyring, useValue: new SourceKeyring(options.readModels, (line) => new Logger('sources').warn(line)) },
        {
          provide: EvidenceStorage,
          useValue: options.evidence?.storage ?? new EvidenceStorage(new EvidenceKeyring(options.readModels), postgresEvidenceFiles(options.readModels)),
        },
      ],
      exports: [TRACKER_OPTIONS, EVENT_STORE, READ_MODELS, SourceKeyring, EvidenceStorage],
    };
  }
}
