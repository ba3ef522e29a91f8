export * from './incident.js';
export * from './incident.taxonomy.js';
export * from './incident.events.js';
export * from './incident.commands.js';
export * from './incident.rules.js';
export * from './incident.decider.js';
export * from './incident.sources.js';
export * from './incident.diff.js';
