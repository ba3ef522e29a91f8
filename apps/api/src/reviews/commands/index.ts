import { AllegeViolationHandler } from './allege-violation/allege-violation.handler.js';
import { RecordFindingHandler } from './record-finding/record-finding.handler.js';
import { ReopenReviewHandler } from './reopen-review/reopen-review.handler.js';

export const ReviewCommandHandlers = [AllegeViolationHandler, RecordFindingHandler, ReopenReviewHandler];
