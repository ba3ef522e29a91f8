import { randomInt } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { ExternalDataset, ImportSummary } from '#domain';
import type { EventStore } from '#event-store';
import { runImport } from '#tracker';
import type { DataSource, QueryRunner } from 'typeorm';
import { v4 as uuidv4 } from 'uuid';
import { EVENT_STORE, READ_MODELS } from '../infrastructure/tokens.js';

/** The advisory-lock class of import owners: one lock (class, owner) per process that runs imports. */
const OWNER_LOCK_CLASS = 7_340_014;
/** Progress is written at most this often: a row a chunk would be thousands of updates a minute. */
const PROGRESS_EVERY_MS = 500;
/** A job answers with this many rejected lines at most (and the count of all). */
const REJECTIONS_SHOWN = 1_000;

export type ImportJobState = 'queued' | 'running' | 'done' | 'failed';

export interface ImportJobRequest {
  dataset: ExternalDataset;
  /** The uploaded file on disk, and its name as the user knows it. */
  upload: string;
  fileName: string;
  totalBytes: number;
  retractMissing: boolean;
  release?: { version: string; publishedAt: string };
  requestedBy: string;
}

export interface ImportJobView {
  id: string;
  dataset: ExternalDataset;
  fileName: string;
  state: ImportJobState;
  requestedBy: string;
  options: { retractMissing: boolean; release?: { version: string; publishedAt: string } };
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  progress: { bytesRead: number; totalBytes: number; rows: number; rowsPerSecond: number | null; etaSeconds: number | null };
  /** Once done: the counts, the provisional actors, the file's hash, the last position (for `minPosition`), the first rejected lines. */
  summary: ImportSummary | null;
  error: string | null;
}

interface JobRow {
  id: string;
  dataset: ExternalDataset;
  file_name: string;
  total_bytes: string;
  options: ImportJobView['options'];
  requested_by: string;
  state: ImportJobState;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  bytes_read: string;
  rows_read: number;
  summary: ImportJobView['summary'];
  error: string | null;
  upload: string;
  now: Date;
}

class Stopping extends Error {}

/**
 * Imports started over HTTP, one at a time per process, through the same `runImport` as the CLI.
 * A job's row (table `import_jobs`) is operational state, kept in PostgreSQL so that every
 * instance lists it and a restart shows an interrupted job as failed: the process running jobs
 * holds an advisory lock named in each of its jobs' rows for as long as it lives, and a queued or
 * running job whose owner's lock is gone is marked failed whenever jobs are read.
 */
@Injectable()
export class ImportJobs implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('imports');
  private owner?: Promise<{ key: number; session: QueryRunner }>;
  /** Jobs of this process run one after another: an import keeps the store busy on its own. */
  private queue: Promise<void> = Promise.resolve();
  private stopping = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly db: DataSource,
  ) {}

  async onApplicationBootstrap() {
    await this.markInterrupted();
  }

  async onModuleDestroy() {
    this.stopping = true;
    await this.queue;
    const owner = await this.owner?.catch(() => undefined);
    if (owner) {
      // The session goes back to the pool: it must not keep this process's lock there.
      await owner.session.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
      await owner.session.release().catch(() => undefined);
    }
  }

  /** Records the job as queued and starts it in the background. */
  async start(request: ImportJobRequest): Promise<ImportJobView> {
    const { key } = await this.ownerLock();
    const id = uuidv4();
    await this.db.query(
      `INSERT INTO import_jobs (id, owner, upload, dataset, file_name, total_bytes, options, requested_by, state, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'queued', now())`,
      [id, key, request.upload, request.dataset, request.fileName, request.totalBytes, { retractMissing: request.retractMissing, ...(request.release ? { release: request.release } : {}) }, request.requestedBy],
    );
    this.queue = this.queue.then(() => this.run(id, request));
    return (await this.get(id))!;
  }

  async get(id: string): Promise<ImportJobView | undefined> {
    await this.markInterrupted();
    const [row] = await this.db.query<JobRow[]>('SELECT *, now() AS now FROM import_jobs WHERE id = $1', [id]);
    return row && view(row);
  }

  /** The latest jobs first. */
  async list(limit: number): Promise<ImportJobView[]> {
    await this.markInterrupted();
    const rows = await this.db.query<JobRow[]>('SELECT *, now() AS now FROM import_jobs ORDER BY created_at DESC, id LIMIT $1', [limit]);
    return rows.map(view);
  }

  private async run(id: string, request: ImportJobRequest) {
    try {
      if (this.stopping) throw new Stopping();
      if (!(await this.update(id, `state = 'running', started_at = now()`))) return;
      let written = 0;
      const summary = await runImport(this.store, this.db, {
        dataset: request.dataset,
        file: request.upload,
        fileName: request.fileName,
        userId: request.requestedBy,
        retractMissing: request.retractMissing,
        release: request.release && { version: request.release.version, publishedAt: new Date(`${request.release.publishedAt}T00:00:00Z`) },
        // runImport has no other way to be stopped: a throw here ends it between two chunks.
        onProgress: ({ bytesRead, summary: { read } }) => {
          if (this.stopping) throw new Stopping();
          if (Date.now() - written < PROGRESS_EVERY_MS) return;
          written = Date.now();
          void this.update(id, 'bytes_read = $2, rows_read = $3', [bytesRead, read]).catch((error: unknown) => this.logger.warn(`progress of import ${id}: ${String(error)}`));
        },
      });
      const shown = { ...summary, rejections: summary.rejections.slice(0, REJECTIONS_SHOWN) };
      await this.update(id, `state = 'done', finished_at = now(), bytes_read = total_bytes, rows_read = $2, summary = $3`, [summary.read, shown]);
      this.logger.log(`import ${id} (${request.dataset}, ${request.fileName}) done: read ${summary.read}, new ${summary.new}, amended ${summary.amended}, rejected ${summary.rejected}`);
    } catch (error) {
      const reason = error instanceof Stopping ? 'interrupted: the tracker was stopped before the import ended' : `failed: ${error instanceof Error ? error.message : String(error)}`;
      if (!(error instanceof Stopping)) this.logger.error(`import ${id}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      await this.update(id, `state = 'failed', finished_at = now(), error = $2`, [reason]).catch(() => undefined);
    } finally {
      await rm(request.upload, { force: true });
    }
  }

  /** Updates a job still queued or running: once marked failed (interrupted), a job stays so. */
  private async update(id: string, set: string, values: unknown[] = []): Promise<boolean> {
    const [, count] = await this.db.query(`UPDATE import_jobs SET ${set} WHERE id = $1 AND state IN ('queued', 'running')`, [id, ...values]);
    return count > 0;
  }

  /** Jobs queued or running whose owner process is gone: failed, and their uploads removed. */
  private async markInterrupted() {
    const [rows] = await this.db.query<[{ upload: string }[], number]>(
      `UPDATE import_jobs j SET state = 'failed', finished_at = now(), error = 'interrupted: the tracker stopped before the import ended'
       WHERE state IN ('queued', 'running') AND NOT EXISTS (
         SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
           AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
           AND l.classid = $1::int::oid AND l.objid = j.owner::oid)
       RETURNING upload`,
      [OWNER_LOCK_CLASS],
    );
    await Promise.all(rows.map(({ upload }) => rm(upload, { force: true })));
  }

  /** This process's owner lock, taken on first use on a session of its own and held until the app closes. */
  private ownerLock() {
    this.owner ??= (async () => {
      const session = this.db.createQueryRunner();
      await session.connect();
      for (;;) {
        const key = randomInt(1, 2 ** 31 - 1);
        const [{ taken }] = await session.query('SELECT pg_try_advisory_lock($1, $2) AS taken', [OWNER_LOCK_CLASS, key]);
        if (taken) return { key, session };
      }
    })();
    return this.owner;
  }
}

function view(row: JobRow): ImportJobView {
  const [bytesRead, totalBytes, rows] = [Number(row.bytes_read), Number(row.total_bytes), row.rows_read];
  const seconds = row.started_at ? ((row.finished_at ?? row.now).getTime() - row.started_at.getTime()) / 1000 : 0;
  const running = row.state === 'running' && seconds > 0 && bytesRead > 0;
  return {
    id: row.id,
    dataset: row.dataset,
    fileName: row.file_name,
    state: row.state,
    requestedBy: row.requested_by,
    options: row.options,
    createdAt: row.created_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
    progress: {
      bytesRead,
      totalBytes,
      rows,
      rowsPerSecond: seconds > 0 && rows > 0 ? Math.round(rows / seconds) : null,
      etaSeconds: running ? Math.round((seconds * (totalBytes - bytesRead)) / bytesRead) : null,
    },
    summary: row.summary,
    error: row.error,
  };
}
