import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { IncidentRow, IncidentVersionRow, validAt } from '#read-models';
import type { DataSource } from 'typeorm';
import { READ_MODELS } from '../../../infrastructure/tokens.js';
import { applyIncidentFilters } from '../../../incidents/queries/incident-filters.js';
import { knowledgeInstant } from '../../../timeline/as-of.js';
import { resolveActorFilter } from '../../../reference-data/reference-names.js';
import type { StatsKey } from './incident-stats.dto.js';
import { IncidentStatsQuery, type IncidentStats, type StatsFigures, type StatsGroup } from './incident-stats.query.js';

/**
 * Each actor merged into another (`merged`), with the actor that survives the whole chain of
 * mergers (`survivor`): a merged actor's incidents count under it.
 */
const SURVIVORS = `WITH RECURSIVE merger(merged, survivor) AS (
    SELECT id, record->>'mergedInto' FROM actors WHERE record->>'mergedInto' IS NOT NULL
    UNION SELECT m.merged, a.record->>'mergedInto' FROM merger m JOIN actors a ON a.id = m.survivor WHERE a.record->>'mergedInto' IS NOT NULL
  ), survivors AS (
    SELECT merged, survivor FROM merger m WHERE NOT EXISTS (SELECT 1 FROM actors a WHERE a.id = m.survivor AND a.record->>'mergedInto' IS NOT NULL)
  )`;

/**
 * Each key as SQL over the matched incidents (`m`). Periods are of occurred time in UTC, a week
 * named by its Monday. An incident counts once under each of its actors (as merged: once under a
 * survivor even when it names the merged actor too) or targets (so the groups of those may add up
 * to more than the total), and under null when it has none.
 */
const KEY_SQL: Record<StatsKey, { select: string; join?: string }> = {
  day: { select: `to_char(m.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')` },
  week: { select: `to_char(date_trunc('week', m.occurred_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD')` },
  month: { select: `to_char(m.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM')` },
  year: { select: `to_char(m.occurred_at AT TIME ZONE 'UTC', 'YYYY')` },
  admin1: { select: 'm.admin1' },
  type: { select: 'm.type' },
  subType: { select: 'm.sub_type' },
  actor: {
    select: 'actor.id',
    join: `LEFT JOIN LATERAL (SELECT DISTINCT coalesce(s.survivor, named.id) FROM unnest(m.actor_ids) AS named(id) LEFT JOIN survivors s ON s.merged = named.id) AS actor(id) ON true`,
  },
  target: { select: 'target.id', join: 'LEFT JOIN LATERAL unnest(m.targets) AS target(id) ON true' },
};

const FIGURES = 'count(*)::int AS incidents, sum(m.killed)::bigint AS killed, sum(m.injured)::bigint AS injured, sum(m.abducted)::bigint AS abducted';

type FigureRow = Record<keyof StatsFigures, string | number | null>;
const figures = (row: FigureRow): StatsFigures => ({
  incidents: Number(row.incidents),
  killed: Number(row.killed ?? 0),
  injured: Number(row.injured ?? 0),
  abducted: Number(row.abducted ?? 0),
});

/**
 * Counts and harm sums of the incidents the map's filters match, grouped by one or two keys; with
 * `asOf`, of the records as known then (`incident_versions`), like the list. The status filter
 * means what it means on the list: absent, retracted incidents are counted too.
 */
@QueryHandler(IncidentStatsQuery)
export class IncidentStatsHandler implements IQueryHandler<IncidentStatsQuery> {
  constructor(@Inject(READ_MODELS) private readonly db: DataSource) {}

  async execute(query: IncidentStatsQuery): Promise<IncidentStats> {
    const filters = await resolveActorFilter(this.db, query.filters);
    const source = filters.asOf
      ? this.db.getRepository<IncidentRow | IncidentVersionRow>(IncidentVersionRow).createQueryBuilder('i').where(validAt('i'), { asOf: knowledgeInstant(filters.asOf) })
      : this.db.getRepository<IncidentRow | IncidentVersionRow>(IncidentRow).createQueryBuilder('i');
    const matched = applyIncidentFilters(source, filters)
      .select(['i.occurred_at AS occurred_at', 'i.admin1 AS admin1', 'i.type AS type', 'i.sub_type AS sub_type', 'i.actor_ids AS actor_ids', 'i.targets AS targets', 'i.killed AS killed'])
      .addSelect(`(i.record #>> '{details,harm,injured}')::int`, 'injured')
      .addSelect(`(i.record #>> '{details,harm,abducted}')::int`, 'abducted');
    const [inner, parameters] = matched.getQueryAndParameters();
    const groupBy = filters.groupBy ?? [];
    const keys = groupBy.map((key, n) => ({ key, column: `k${n}`, ...KEY_SQL[key] }));
    const select = keys.map((k) => `${k.select} AS ${k.column}`).join(', ');
    const order = keys.map((k) => `${k.column} ASC NULLS LAST`).join(', ');
    const [totalRows, groupRows] = await Promise.all([
      this.db.query<FigureRow[]>(`SELECT ${FIGURES} FROM (${inner}) m`, parameters),
      keys.length
        ? this.db.query<(FigureRow & Record<string, string | null>)[]>(
            `${groupBy.includes('actor') ? SURVIVORS : ''} SELECT ${select}, ${FIGURES} FROM (${inner}) m ${keys.map((k) => k.join ?? '').join(' ')} GROUP BY ${keys.map((k) => k.column).join(', ')} ORDER BY ${order}`,
            parameters,
          )
        : Promise.resolve([]),
    ]);
    const groups = groupRows.map((row): StatsGroup => ({ ...Object.fromEntries(keys.map((k) => [k.key, row[k.column]])), ...figures(row) }));
    return { groupBy, total: figures(totalRows[0]), groups };
  }
}
