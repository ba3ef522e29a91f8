import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { INCIDENT_STREAM_PREFIX, actorStreamId, incidentStreamId, reviewIdOf, reviewStreamId } from '#domain';
import { START, type EventStore } from '#event-store';
import { EVENT_STORE, TRACKER_OPTIONS } from '../infrastructure/tokens.js';
import type { TrackerOptions } from '../infrastructure/tracker-options.js';
import { dataFile } from '../project/project-root.js';
import { loadDemoSet } from './demo-set.js';
import { loadDemoReviews, readDemoReviews } from './demo-reviews.js';
import { loadReferenceData, readReferenceData } from './reference-data.js';

/**
 * Loads, when they are not there yet, the reference data (actors, coalitions, agreements); on
 * first start with an empty store, the Mali 2012–2015 demo set; then the demo violation reviews
 * (DEMO_DATA=false turns all of it off).
 */
@Injectable()
export class DemoSetService implements OnApplicationBootstrap {
  private readonly logger = new Logger('demo');

  constructor(
    private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(TRACKER_OPTIONS) private readonly options: TrackerOptions,
  ) {}

  async onApplicationBootstrap() {
    if (!this.options.demoData) return;
    // The actors first: an incident may name only registered actors.
    await this.loadReferenceData();
    // First start: no incident yet (accounts may already exist: the first administrator).
    const { events } = await this.store.readAll({ after: START, limit: 1, streamPrefixes: [INCIDENT_STREAM_PREFIX] });
    if (events.length === 0) {
      const count = await loadDemoSet(this.commands, dataFile('demo-incidents.json'));
      this.logger.log(`loaded ${count} demo incidents (Mali 2012–2015)`);
    }
    await this.loadDemoReviews();
  }

  /** Reference data, once: a store that already has it is left alone. */
  private async loadReferenceData() {
    const reference = await readReferenceData(dataFile('actors.json'));
    if (reference.actors.length && !(await this.exists(actorStreamId(reference.actors[0].id)))) {
      const counts = await loadReferenceData(this.commands, reference);
      this.logger.log(`loaded reference data: ${counts.actors} actors, ${counts.coalitions} coalitions, ${counts.agreements} agreements`);
    }
  }

  /** Demo reviews, once, about the demo incidents. */
  private async loadDemoReviews() {
    const reviews = await readDemoReviews(dataFile('demo-reviews.json'));
    const first = reviews[0];
    if (first && (await this.exists(incidentStreamId(first.incidentId))) && !(await this.exists(reviewStreamId(reviewIdOf(first.incidentId, first.agreementId))))) {
      this.logger.log(`loaded ${await loadDemoReviews(this.commands, reviews)} demo violation reviews`);
    }
  }

  private async exists(streamId: string) {
    return (await this.store.readStream(streamId)).length > 0;
  }
}
