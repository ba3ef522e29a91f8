export * from './read-model-data-source.js';
export * from './projections/projection.js';
export * from './projections/projection-runner.js';
export * from './projections/projection-checkpoint.entity.js';
export * from './incidents/incident.entity.js';
export * from './incidents/incident.projection.js';
