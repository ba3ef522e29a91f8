import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { reviewDecider, reviewStreamId, type ReviewCommand, type ReviewFacts } from '#domain';
import type { EventStore } from '#event-store';
import { executeCommand, readState } from '../commands/execute-command.js';
import { EVENT_STORE } from '../infrastructure/tokens.js';
import { gatherReviewFacts } from './review-facts.js';
import { RecordReviewCommand, type AskedReviewCommand } from './review.command.js';

const NOTHING_KNOWN: ReviewFacts = { incident: { status: 'unreported' }, agreement: { status: 'unsigned' }, unknownActors: [] };

/** Read, fold, decide, append on the review's stream, after gathering the facts its rules need. */
@CommandHandler(RecordReviewCommand)
export class ReviewHandler implements ICommandHandler<RecordReviewCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ command, metadata, options }: RecordReviewCommand) {
    return executeCommand(this.store, reviewDecider, reviewStreamId(command.data.reviewId), await this.withFacts(command), metadata, options);
  }

  private async withFacts(command: AskedReviewCommand): Promise<ReviewCommand> {
    switch (command.type) {
      case 'AllegeViolation': {
        const { incidentId, agreementId, allegedParties } = command.data;
        return { ...command, data: { ...command.data, ...(await gatherReviewFacts(this.store, incidentId, agreementId, allegedParties)) } };
      }
      case 'RecordFinding': {
        // The review names its incident and agreement.
        const review = await readState(this.store, reviewDecider, reviewStreamId(command.data.reviewId));
        const facts =
          review.status === 'unopened'
            ? NOTHING_KNOWN
            : await gatherReviewFacts(this.store, review.allegation.incidentId, review.allegation.agreementId, command.data.responsibleParties);
        return { ...command, data: { ...command.data, ...facts } };
      }
      default:
        return command;
    }
  }
}
