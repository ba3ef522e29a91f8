import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { reviewDecider, reviewStreamId } from '#domain';
import type { EventStore } from '#event-store';
import { executeCommand } from '../../../commands/execute-command.js';
import { EVENT_STORE } from '../../../infrastructure/tokens.js';
import { ReopenReviewCommand } from './reopen-review.command.js';

@CommandHandler(ReopenReviewCommand)
export class ReopenReviewHandler implements ICommandHandler<ReopenReviewCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ reviewId, expectedVersion, reason, meta }: ReopenReviewCommand) {
    return executeCommand(this.store, reviewDecider, reviewStreamId(reviewId), { type: 'ReopenReview', data: { reviewId, reason } }, meta, {
      expectedVersion,
      reason,
    });
  }
}
