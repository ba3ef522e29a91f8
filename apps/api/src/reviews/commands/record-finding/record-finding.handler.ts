import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { reviewDecider, reviewStreamId, type ReviewFacts } from '#domain';
import type { EventStore } from '#event-store';
import { executeCommand, readState } from '../../../commands/execute-command.js';
import { EVENT_STORE } from '../../../infrastructure/tokens.js';
import { gatherReviewFacts } from '../review-facts.js';
import { RecordFindingCommand } from './record-finding.command.js';

const NOTHING_KNOWN: ReviewFacts = { incident: { status: 'unreported' }, agreement: { status: 'unsigned' }, unknownActors: [] };

/** Reads the review to learn its incident and agreement, gathers their facts, then decides. */
@CommandHandler(RecordFindingCommand)
export class RecordFindingHandler implements ICommandHandler<RecordFindingCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ reviewId, expectedVersion, finding, meta }: RecordFindingCommand) {
    const review = await readState(this.store, reviewDecider, reviewStreamId(reviewId));
    const facts =
      review.status === 'unopened'
        ? NOTHING_KNOWN
        : await gatherReviewFacts(this.store, review.allegation.incidentId, review.allegation.agreementId, finding.responsibleParties);
    return executeCommand(this.store, reviewDecider, reviewStreamId(reviewId), { type: 'RecordFinding', data: { reviewId, ...finding, ...facts } }, meta, {
      expectedVersion,
      reason: finding.note,
    });
  }
}
