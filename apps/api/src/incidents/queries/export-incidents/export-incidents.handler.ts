import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ACLED_COLUMNS, ACLED_HXL, UCDP_COLUMNS, writeAcledRow, writeUcdpRow, type AcledInter, type IncidentSource } from '#domain';
import { ActorRow, IncidentRow, IncidentVersionRow, validAt } from '#read-models';
import { stringify } from 'csv-stringify/sync';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { READ_MODELS } from '../../../infrastructure/tokens.js';
import { openSources, SourceKeyring } from '#tracker';
import { knowledgeInstant } from '../../../timeline/as-of.js';
import { applyIncidentFilters } from '../incident-filters.js';
import { readReferenceNames, resolveActorFilter } from '../../../reference-data/reference-names.js';
import { ExportIncidentsQuery } from './export-incidents.query.js';
import { incidentsCsv } from './incidents-csv.js';

/** Rows read and sent at a time: memory stays the same whatever the size of the export. */
const BATCH = 1_000;

type Row = IncidentRow | IncidentVersionRow;

/**
 * Every incident the filters match (with `asOf`, as known then), in occurred order, as the file's
 * text, read and written a batch at a time. Confidential sources are left out of every layout.
 * ACLED's and UCDP's layouts have no place for a retraction: retracted incidents are left out of them.
 */
@QueryHandler(ExportIncidentsQuery)
export class ExportIncidentsHandler implements IQueryHandler<ExportIncidentsQuery> {
  constructor(
    @Inject(READ_MODELS) private readonly db: DataSource,
    private readonly keyring: SourceKeyring,
  ) {}

  // Filters are resolved (a 400 for an unknown actor) before the first byte is sent.
  async execute(exportQuery: ExportIncidentsQuery): Promise<AsyncIterable<string>> {
    const filters = await resolveActorFilter(this.db, exportQuery.filters);
    const matched = () => {
      const source = filters.asOf
        ? this.db.getRepository<Row>(IncidentVersionRow).createQueryBuilder('i').where(validAt('i'), { asOf: knowledgeInstant(filters.asOf) })
        : this.db.getRepository<Row>(IncidentRow).createQueryBuilder('i');
      const query = applyIncidentFilters(source, filters);
      if (filters.format === 'acled' || filters.format === 'ucdp') query.andWhere(`i.status = 'active'`);
      return query;
    };
    switch (filters.format) {
      case 'geojson':
        return geojson(matched);
      case 'csv': {
        const names = await readReferenceNames(this.db);
        return csvBatches(this.withSources(batches(matched)), (rows, first) => incidentsCsv(rows, names, first));
      }
      case 'acled':
      case 'ucdp': {
        const actorOf = await this.actorsNow();
        const hxl = filters.format === 'acled' && filters.hxl ? stringify([ACLED_COLUMNS.map((column) => ACLED_HXL[column] ?? '')]) : '';
        const columns = filters.format === 'acled' ? [...ACLED_COLUMNS] : [...UCDP_COLUMNS];
        const write = filters.format === 'acled' ? writeAcledRow : writeUcdpRow;
        return csvBatches(this.withSources(batches(matched)), (rows, first) => {
          const records = rows.map(({ row, sources }) => write({ incidentId: row.id, details: row.record.details, lastChangedAt: row.lastChangedAt, sources: shown(sources) }, actorOf));
          return (first ? stringify([], { header: true, columns }) + hxl : '') + stringify(records, { columns });
        });
      }
    }
  }

  /** Each batch's rows with their sources opened (the read models keep them sealed). */
  private async *withSources(pages: AsyncIterable<Row[]>): AsyncIterable<{ row: Row; sources: IncidentSource[] }[]> {
    for await (const rows of pages) {
      const sources = await openSources(this.keyring, rows.map((row) => ({ incidentId: row.id, sources: row.record.details.sources })));
      yield rows.map((row, i) => ({ row, sources: sources[i] }));
    }
  }

  /** Actors by id as named now, with their ACLED actor type. */
  private async actorsNow(): Promise<(id: string) => { name: string; inter?: AcledInter }> {
    const actors = await this.db.getRepository(ActorRow).find({ select: { id: true, name: true, inter: true } });
    const byId = new Map(actors.map((a) => [a.id, { name: a.name, inter: a.inter as AcledInter }]));
    return (id) => byId.get(id) ?? { name: id };
  }
}

/** The sources a reader of the export may see: neither confidential nor erased. */
const shown = (sources: IncidentSource[]) => sources.filter((s) => !s.confidential && !s.erased).map((s) => s.reference);

/**
 * The matched rows a batch at a time, in occurred order (then id), each batch read after the last
 * row of the one before: what `read` selects of the query.
 */
async function* inBatches<R>(
  matched: () => SelectQueryBuilder<Row>,
  read: (query: SelectQueryBuilder<Row>) => Promise<R[]>,
  keyOf: (row: R) => { afterAt: Date; afterId: string },
): AsyncIterable<R[]> {
  let after: { afterAt: Date; afterId: string } | undefined;
  for (;;) {
    const query = matched().orderBy('i.occurred_at', 'ASC').addOrderBy('i.id', 'ASC').limit(BATCH);
    if (after) query.andWhere('(i.occurred_at, i.id) > (:afterAt, :afterId)', after);
    const rows = await read(query);
    if (rows.length) yield rows;
    if (rows.length < BATCH) return;
    after = keyOf(rows[rows.length - 1]);
  }
}

const batches = (matched: () => SelectQueryBuilder<Row>) => inBatches(matched, (query) => query.getMany(), (row) => ({ afterAt: row.occurredAt, afterId: row.id }));

/** The header (and any row under it) once, then each batch's rows. */
async function* csvBatches<T>(pages: AsyncIterable<T[]>, text: (rows: T[], first: boolean) => string): AsyncIterable<string> {
  let first = true;
  for await (const rows of pages) {
    yield text(rows, first);
    first = false;
  }
  if (first) yield text([], true);
}

/** A FeatureCollection of the rows' features, which PostgreSQL generates: passed through as text. */
async function* geojson(matched: () => SelectQueryBuilder<Row>): AsyncIterable<string> {
  yield '{"type":"FeatureCollection","features":[';
  const features = inBatches(
    matched,
    (query) => query.select('i.feature', 'feature').addSelect('i.id', 'id').addSelect('i.occurred_at', 'occurred_at').getRawMany<{ feature: string; id: string; occurred_at: Date }>(),
    (row) => ({ afterAt: row.occurred_at, afterId: row.id }),
  );
  let first = true;
  for await (const rows of features) {
    yield (first ? '' : ',') + rows.map((row) => row.feature).join(',');
    first = false;
  }
  yield ']}';
}
