import { GetReviewHandler } from './get-review/get-review.handler.js';
import { ListReviewsHandler } from './list-reviews/list-reviews.handler.js';

export const ReviewQueryHandlers = [ListReviewsHandler, GetReviewHandler];
