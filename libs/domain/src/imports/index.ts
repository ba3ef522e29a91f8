export type { DatasetActor, DatasetRecord, RowReading } from './dataset-record.js';
export * from './acled-row.js';
export * from './ucdp-row.js';
export * from './dataset-columns.js';
export * from './import-summary.js';
