export * from './embedded-postgres.js';
export * from './databases.js';
