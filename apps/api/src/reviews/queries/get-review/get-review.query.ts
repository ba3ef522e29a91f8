import { Query } from '@nestjs/cqrs';
import type { ReviewView } from '../review-view.js';

export interface ReviewHistoryEntry {
  type: string;
  version: number;
  recordedAt: Date;
  recordedBy: string;
  reason?: string;
  data: unknown;
}

export class GetReviewQuery extends Query<ReviewView & { history: ReviewHistoryEntry[] }> {
  constructor(readonly reviewId: string) {
    super();
  }
}
