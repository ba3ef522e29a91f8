import type { Allegation, Finding } from './review.js';

/** Stored event types are never renamed or reshaped: a new shape is a new type. */
export type ViolationAlleged = { type: 'ViolationAlleged'; data: { reviewId: string } & Allegation };

export type FindingRecorded = { type: 'FindingRecorded'; data: { reviewId: string } & Finding };

export type ReviewReopened = { type: 'ReviewReopened'; data: { reviewId: string; reason: string } };

export type ReviewEvent = ViolationAlleged | FindingRecorded | ReviewReopened;

export const REVIEW_EVENT_TYPES: readonly ReviewEvent['type'][] = ['ViolationAlleged', 'FindingRecorded', 'ReviewReopened'];

export function isReviewEvent(event: { type: string }): event is ReviewEvent {
  return (REVIEW_EVENT_TYPES as readonly string[]).includes(event.type);
}
