import { parseMoment } from '#domain';
import type { IncidentColumns } from '#read-models';
import type { SelectQueryBuilder } from 'typeorm';
import type { IncidentFiltersDto } from './incident-filters.dto.js';

/** Applies the map's filters to a query on `incidents` or `incident_versions` (alias `i`). */
export function applyIncidentFilters<T extends IncidentColumns>(query: SelectQueryBuilder<T>, filters: IncidentFiltersDto) {
  if (filters.bbox) {
    const [west, south, east, north] = filters.bbox.split(',').map(Number);
    query.andWhere('i.location <@ box(point(:west, :south), point(:east, :north))', { west, south, east, north });
  }
  // The DTO has read both with the same parser; a bare `to` date includes that whole day.
  const from = parseMoment(filters.from);
  const to = parseMoment(filters.to);
  if (from) query.andWhere('i.occurred_at >= :from', { from: from.start });
  if (to) query.andWhere(to.kind === 'day' ? 'i.occurred_at < :to' : 'i.occurred_at <= :to', { to: to.end });
  if (filters.admin1?.length) query.andWhere('lower(i.admin1) = ANY(:admin1)', { admin1: filters.admin1.map((name) => name.toLowerCase()) });
  if (filters.type?.length) query.andWhere('i.type = ANY(:types)', { types: filters.type });
  if (filters.subType?.length) query.andWhere('i.sub_type = ANY(:subTypes)', { subTypes: filters.subType });
  if (filters.actor?.length) {
    // An actor stands for every actor merged into it (and merged into those): its incidents count under it.
    const column = filters.actorRole === 'main' ? 'i.main_actor_ids' : 'i.actor_ids';
    query.andWhere(
      `${column} && ARRAY(WITH RECURSIVE named(id) AS (SELECT unnest(CAST(:actors AS text[]))
         UNION SELECT a.id FROM actors a JOIN named ON a.record->>'mergedInto' = named.id) SELECT id FROM named)`,
      { actors: filters.actor },
    );
  }
  // Regions of every order match as recorded, in any case (datasets and monitors differ in case).
  if (filters.admin2?.length) query.andWhere('lower(i.admin2) = ANY(:admin2)', { admin2: filters.admin2.map((name) => name.toLowerCase()) });
  if (filters.admin3?.length) query.andWhere('lower(i.admin3) = ANY(:admin3)', { admin3: filters.admin3.map((name) => name.toLowerCase()) });
  if (filters.external?.length) query.andWhere('i.external_ids && :external', { external: filters.external });
  if (filters.target?.length) query.andWhere('i.targets && :targets', { targets: filters.target });
  if (filters.status?.length) query.andWhere('i.status = ANY(:statuses)', { statuses: filters.status });
  if (filters.verification?.length) query.andWhere('i.verification = ANY(:levels)', { levels: filters.verification });
  return query;
}
