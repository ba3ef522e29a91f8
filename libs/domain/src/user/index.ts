export * from './user.js';
export * from './user.events.js';
export * from './user.commands.js';
export * from './user.decider.js';
export * from './permissions.js';
