export * from './errors.js';
export * from './incident/index.js';
