import type { AllegeViolation, RecordFinding, ReopenReview, ReviewFacts } from '#domain';
import { RecordCommand, type Asked } from '../commands/record-command.js';

/** The review commands as users ask for them; the handler adds the facts from the incident, agreement and actors. */
export type AskedReviewCommand = Asked<AllegeViolation | RecordFinding, keyof ReviewFacts> | ReopenReview;

export class RecordReviewCommand extends RecordCommand<AskedReviewCommand> {}
