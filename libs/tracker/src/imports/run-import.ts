import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { parse } from 'csv-parse';
import {
  DomainError,
  differingFields,
  decideIncident,
  evolveIncident,
  externalKey,
  incidentStreamId,
  initialIncidentState,
  isHxlHashtagRow,
  readAcledRow,
  readUcdpRow,
  type DatasetRecord,
  type ExternalDataset,
  type IncidentCommand,
  type IncidentDetails,
  type IncidentEvent,
  type ImportSummary,
  type IncidentState,
  type RowReading,
  type Requester,
} from '#domain';
import { StreamVersionConflictError, type EventMetadata, type EventStore, type JsonObject, type Position, type RecordedEvent, type StreamAppend } from '#event-store';
import type { DataSource } from 'typeorm';
import { v5 as uuidv5 } from 'uuid';
import { ActorDirectory } from './actor-directory.js';

const IMPORTED = '9d0a4c7e-2b6f-4e1a-8c3d-5f7b9a1e2d60';

/** The incident a dataset row is: one per `acled:MLI858`, the same on every import. */
export const importedIncidentId = (dataset: ExternalDataset, id: string) => uuidv5(externalKey({ dataset, id }), IMPORTED);

export interface ImportOptions {
  dataset: ExternalDataset;
  file: string;
  /** Who imports: kept in every event's metadata. */
  userId: string;
  /** Retract the dataset's incidents this file no longer has. */
  retractMissing?: boolean;
  /** UCDP only: the release (`25.1`) and the day it was published, at which its rows are recorded. */
  release?: { version: string; publishedAt: Date };
  /** The file's name as the user knows it (an upload's original name); the path's own otherwise. */
  fileName?: string;
  /** Rows decided and appended together: one read of their streams and one batched append (default 1,000). */
  concurrency?: number;
  onProgress?: (progress: ImportProgress) => void;
  now?: () => Date;
}

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  summary: ImportSummary;
}

type Outcome = 'new' | 'amended' | 'unchanged';

/**
 * Imports an ACLED or UCDP CSV file: each row becomes a report (a new dataset id), an amendment
 * carrying only what changed (a newer version of a known id), or nothing (unchanged), through the
 * same rules as every report. Events are recorded at the dataset's own time for the row, with the
 * import (who, when, file, hash) in their metadata. A bad row is reported with its line and
 * reason and writes nothing; it never stops the import. Constant memory apart from the set of
 * ids seen (for repeats and `retractMissing`).
 */
export async function runImport(store: EventStore, readModels: DataSource, options: ImportOptions): Promise<ImportSummary> {
  const now = options.now ?? (() => new Date());
  const { dataset, file } = options;
  if (dataset === 'ucdp' && !options.release) throw new Error('a UCDP import needs its release: version and publication date');
  const sha256 = await hashOf(file);
  const totalBytes = (await stat(file)).size;
  const importId = randomUUID();
  const fileName = options.fileName ?? basename(file);
  const metadata: EventMetadata = {
    userId: options.userId,
    commandId: importId,
    correlationId: importId,
    import: { id: importId, dataset, file: fileName, sha256, startedAt: now().toISOString() },
  };
  const actors = await ActorDirectory.load(store, readModels);
  const summary: ImportSummary = { read: 0, new: 0, amended: 0, unchanged: 0, retracted: 0, rejected: 0, rejections: [], provisionalActors: [], sha256 };
  const reject = (line: number, reason: string) => {
    summary.rejected++;
    summary.rejections.push({ line, reason });
  };
  const seen = new Map<string, number>();
  const readRow = (row: Record<string, string>): RowReading => (dataset === 'acled' ? readAcledRow(row) : readUcdpRow(row, options.release!));

  const source = createReadStream(file);
  const parser = source.pipe(
    parse({ columns: true, bom: true, skip_empty_lines: true, info: true, skip_records_with_error: true, relax_quotes: false }),
  );
  parser.on('skip', (error: Error & { lines?: number }) => {
    summary.read++;
    reject(error.lines ?? 0, `not CSV as the header has it: ${error.message}`);
  });

  type Row = { line: number; record: DatasetRecord };
  const flush = async (rows: Row[]) => {
    // Actors first, one at a time: two rows naming one new actor must find the one actor.
    const resolved: ResolvedRow[] = [];
    for (const { line, record } of rows) {
      try {
        const ids: string[] = [];
        for (const actor of record.actors) ids.push(await actors.resolve(actor, metadata, `${dataset.toUpperCase()} ${record.ref.id}`));
        resolved.push({ line, record, incidentId: importedIncidentId(record.ref.dataset, record.ref.id), details: { ...record.details, actors: record.actors.map((a, i) => ({ actorId: ids[i], role: a.role, ...(a.with ? { with: a.with } : {}) })) } });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        reject(line, `${error.field ? `${error.field}: ` : ''}${error.message}`);
      }
    }
    for (const outcome of await importRows(store, resolved, metadata, now())) {
      if ('rejected' in outcome) reject(outcome.line, outcome.rejected);
      else {
        summary[outcome.outcome]++;
        if (outcome.position && (!summary.lastPosition || outcome.position > summary.lastPosition)) summary.lastPosition = outcome.position;
      }
    }
    options.onProgress?.({ bytesRead: source.bytesRead, totalBytes, summary });
  };

  // The next chunk is parsed while the last one is appended; chunks are appended in file order.
  let chunk: Row[] = [];
  let appending: Promise<void> = Promise.resolve();
  const next = async () => {
    const rows = chunk;
    chunk = [];
    await appending;
    appending = flush(rows);
    // Seen by the loop's next await, so an error stops the import without an unhandled rejection.
    appending.catch(() => undefined);
  };
  let firstRow = true;
  for await (const { record: row, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    const hashtags = firstRow && isHxlHashtagRow(row);
    firstRow = false;
    if (hashtags) continue;
    summary.read++;
    const reading = readRow(row);
    if ('rejected' in reading) {
      reject(info.lines, reading.rejected);
      continue;
    }
    const key = externalKey(reading.record.ref);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      reject(info.lines, `${key} is already on line ${earlier}`);
      continue;
    }
    seen.set(key, info.lines);
    chunk.push({ line: info.lines, record: reading.record });
    if (chunk.length >= (options.concurrency ?? 1000)) await next();
  }
  await next();
  await appending;

  if (options.retractMissing) {
    summary.retracted = await retractMissing(store, readModels, dataset, seen, { ...metadata, reason: `not in ${fileName}` }, now, (position) => {
      if (!summary.lastPosition || position > summary.lastPosition) summary.lastPosition = position;
    });
  }
  summary.provisionalActors = [...actors.provisional];
  // Rows the rules refused are found when their chunk is appended, after later unreadable ones.
  summary.rejections.sort((a, b) => a.line - b.line);
  options.onProgress?.({ bytesRead: totalBytes, totalBytes, summary });
  return summary;
}

/**
 * Imports are an administrator's work, and a dataset's newer snapshot corrects whichever of its
 * records it changed, whoever ran the earlier import: the importer decides as a reviewer may.
 */
const importer = (metadata: EventMetadata): Requester => ({ username: String(metadata.userId), roles: ['admin', 'reviewer'] });

interface ResolvedRow {
  line: number;
  record: DatasetRecord;
  /** The row's incident (`importedIncidentId`), worked out once: a name-based UUID costs a SHA-1. */
  incidentId: string;
  details: IncidentDetails;
}

type RowOutcome = { line: number; outcome: Outcome; position?: Position } | { line: number; rejected: string };

/**
 * A chunk of rows against their incidents' streams: the streams read in one query, each row
 * decided, and every append of the chunk in one batch. When another writer got to one of the
 * streams first (the batch is refused whole), the chunk goes row by row, each row read and
 * decided again.
 */
async function importRows(store: EventStore, rows: ResolvedRow[], metadata: EventMetadata, now: Date): Promise<RowOutcome[]> {
  const appendMany = store.appendMany;
  if (!appendMany) return Promise.all(rows.map((row) => importRow(store, row, metadata, now)));
  const streams = await store.readStreams(rows.map(streamOf));
  const decided = rows.map((row) => attempt(row.line, () => decideRow(row, streams.get(streamOf(row)) ?? [], metadata, now)));
  const appends = decided.flatMap((d) => ('append' in d && d.append ? [d.append] : []));
  let results;
  try {
    results = await appendMany(appends);
  } catch (error) {
    if (error instanceof StreamVersionConflictError || isDeadlock(error)) return Promise.all(rows.map((row) => importRow(store, row, metadata, now)));
    throw error;
  }
  let next = 0;
  return decided.map((d) => ('append' in d && d.append ? { line: d.line, outcome: d.outcome, position: results[next++].position } : d));
}

/** One row on its own: read its stream, decide, append (a conflict there rejects the row, as the rules would). */
async function importRow(store: EventStore, row: ResolvedRow, metadata: EventMetadata, now: Date): Promise<RowOutcome> {
  try {
    const recorded = await store.readStream(streamOf(row));
    const decided = decideRow(row, recorded, metadata, now);
    if (!decided.append) return decided;
    const { append } = decided;
    const { position } = await store.append(append.streamId, append.events, append.options);
    return { line: row.line, outcome: decided.outcome, position };
  } catch (error) {
    return rejection(row.line, error);
  }
}

/** A row's rule refusal as its rejection; anything else stops the import. */
function attempt<T extends object>(line: number, decide: () => T): T | { line: number; rejected: string } {
  try {
    return decide();
  } catch (error) {
    return rejection(line, error);
  }
}

function rejection(line: number, error: unknown): { line: number; rejected: string } {
  if (!(error instanceof DomainError)) throw error;
  return { line, rejected: `${error.field ? `${error.field}: ` : ''}${error.message}` };
}

const streamOf = (row: ResolvedRow) => incidentStreamId(row.incidentId);
const isDeadlock = (error: unknown) => (error as { code?: string }).code === '40P01';

/** One row against its incident's recorded events: report, amend with what changed, or nothing. */
function decideRow(
  { line, record, incidentId, details }: ResolvedRow,
  recorded: RecordedEvent[],
  metadata: EventMetadata,
  now: Date,
): { line: number; outcome: Outcome; append?: StreamAppend } {
  const state: IncidentState = (recorded as unknown as IncidentEvent[]).reduce(evolveIncident, initialIncidentState());
  let command: IncidentCommand;
  if (state.status === 'unreported') {
    command = { type: 'ReportIncident', data: { incidentId, details, unknownActors: [] } };
  } else {
    // The same version again, or a row whose fields are all as recorded: nothing to append.
    if (state.status === 'active' && Object.keys(differingFields(state.details, details)).length === 0) return { line, outcome: 'unchanged' };
    const reason = `${record.ref.dataset.toUpperCase()} ${record.ref.id}, version ${record.ref.version}`;
    command = { type: 'AmendIncident', data: { incidentId, changes: details, reason, unknownActors: [] } };
  }
  const events = decideIncident(command, state, { now, requester: importer(metadata) });
  return {
    line,
    outcome: state.status === 'unreported' ? 'new' : 'amended',
    append: {
      streamId: incidentStreamId(incidentId),
      // Ids follow from the row's version: an import run twice at once still appends once.
      events: events.map((event) => ({
        id: uuidv5(`${incidentId}|${event.type}|${record.ref.version}`, IMPORTED),
        type: event.type,
        data: event.data as unknown as JsonObject,
        metadata: { ...metadata, ...(command.type === 'AmendIncident' ? { reason: command.data.reason } : {}) },
      })),
      // Never before the incident's last event: a row older than what is recorded is recorded now.
      options: { expected: recorded.length === 0 ? 'no_stream' : recorded.length, recordedAt: laterOf(record.recordedAt, recorded.at(-1)?.recordedAt) },
    },
  };
}

const laterOf = (a: Date, b: Date | undefined) => (b && b > a ? b : a);

/**
 * Retracts the dataset's active incidents this file does not have. Which incidents the dataset
 * gave is read from the incidents read model: one imported before this run and not yet projected
 * is not retracted (the next run with the flag retracts it).
 */
async function retractMissing(
  store: EventStore,
  readModels: DataSource,
  dataset: ExternalDataset,
  seen: Map<string, number>,
  metadata: EventMetadata,
  now: () => Date,
  appended: (position: Position) => void,
): Promise<number> {
  const rows: { id: string; external_ids: string[] }[] = await readModels.query(
    `SELECT id, external_ids FROM incidents WHERE status = 'active' AND EXISTS (SELECT 1 FROM unnest(external_ids) e WHERE e LIKE $1)`,
    [`${dataset}:%`],
  );
  let retracted = 0;
  for (const row of rows) {
    if (row.external_ids.some((key) => seen.has(key))) continue;
    const streamId = incidentStreamId(row.id);
    const recorded = await store.readStream(streamId);
    const state = (recorded as unknown as IncidentEvent[]).reduce(evolveIncident, initialIncidentState());
    if (state.status !== 'active') continue;
    const events = decideIncident({ type: 'RetractIncident', data: { incidentId: row.id, reason: 'withdrawn_by_dataset', note: String(metadata.reason) } }, state, { now: now(), requester: importer(metadata) });
    const { position } = await store.append(
      streamId,
      events.map((event) => ({ id: uuidv5(`${row.id}|${event.type}|${String((metadata.import as JsonObject).sha256)}`, IMPORTED), type: event.type, data: event.data as unknown as JsonObject, metadata })),
      { expected: recorded.length },
    );
    appended(position);
    retracted++;
  }
  return retracted;
}

async function hashOf(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
