import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { START, type EventStore } from '#event-store';
import { EVENT_STORE, TRACKER_OPTIONS } from '../infrastructure/tokens.js';
import type { TrackerOptions } from '../infrastructure/tracker-options.js';
import { dataFile } from '../project/project-root.js';
import { loadDemoSet } from './demo-set.js';

/** On first start with an empty store, loads the Mali 2012–2015 demo set (DEMO_DATA=false turns it off). */
@Injectable()
export class DemoSetService implements OnApplicationBootstrap {
  private readonly logger = new Logger('demo');

  constructor(
    private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(TRACKER_OPTIONS) private readonly options: TrackerOptions,
  ) {}

  async onApplicationBootstrap() {
    if (!this.options.demoData || (await this.store.headPosition()) !== START) return;
    const count = await loadDemoSet(this.commands, dataFile('demo-incidents.json'));
    this.logger.log(`loaded ${count} demo incidents (Mali 2012–2015)`);
  }
}
