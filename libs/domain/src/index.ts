export * from './errors.js';
export * from './limits.js';
export * from './incident/index.js';
export * from './user/index.js';
export * from './decider.js';
export * from './reference/index.js';
export * from './review/index.js';
