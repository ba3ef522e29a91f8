export * from './review.js';
export * from './review.events.js';
export * from './review.commands.js';
export * from './review.decider.js';
export * from './review-id.js';
export * from './violation-count.js';
