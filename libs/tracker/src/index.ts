export * from './auth-settings.js';
export * from './config.js';
export * from './open-infrastructure.js';
export * from './projections.js';
export * from './sign-in-failures.js';
export * from './sources/sealed-sources.js';
export * from './sources/source-keyring.js';
export * from './imports/run-import.js';
