export * from './projection-tables.js';
export * from './shadow-schema.js';
export * from './shadow-data-source.js';
export * from './rebuild-projection.js';
export * from './verify-projection.js';
export * from './projection-status.js';
