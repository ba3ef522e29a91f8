import { Query } from '@nestjs/cqrs';
import type { ReviewView } from '../review-view.js';
import type { ListReviewsDto } from './list-reviews.dto.js';

export interface ReviewPage {
  reviews: ReviewView[];
  nextCursor?: string;
}

export class ListReviewsQuery extends Query<ReviewPage> {
  constructor(readonly filters: ListReviewsDto) {
    super();
  }
}
