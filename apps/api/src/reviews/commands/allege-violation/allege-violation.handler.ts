import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { reviewDecider, reviewIdOf, reviewStreamId } from '#domain';
import type { EventStore } from '#event-store';
import { executeCommand } from '../../../commands/execute-command.js';
import { EVENT_STORE } from '../../../infrastructure/tokens.js';
import { gatherReviewFacts } from '../review-facts.js';
import { AllegeViolationCommand } from './allege-violation.command.js';

@CommandHandler(AllegeViolationCommand)
export class AllegeViolationHandler implements ICommandHandler<AllegeViolationCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ incidentId, agreementId, allegedBy, allegedParties, note, meta }: AllegeViolationCommand) {
    const reviewId = reviewIdOf(incidentId, agreementId);
    const facts = await gatherReviewFacts(this.store, incidentId, agreementId, allegedParties);
    const result = await executeCommand(
      this.store,
      reviewDecider,
      reviewStreamId(reviewId),
      { type: 'AllegeViolation', data: { reviewId, incidentId, agreementId, allegedBy, allegedParties, note, ...facts } },
      meta,
    );
    return { id: reviewId, ...result };
  }
}
