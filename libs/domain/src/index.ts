export * from './errors.js';
export * from './incident/index.js';
export * from './user/index.js';
