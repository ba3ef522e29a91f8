import type { IncidentColumns } from '#read-models';
import type { SelectQueryBuilder } from 'typeorm';
import type { IncidentFiltersDto } from './incident-filters.dto.js';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Applies the map's filters to a query on `incidents` or `incident_versions` (alias `i`). */
export function applyIncidentFilters<T extends IncidentColumns>(query: SelectQueryBuilder<T>, filters: IncidentFiltersDto) {
  if (filters.bbox) {
    const [west, south, east, north] = filters.bbox.split(',').map(Number);
    query.andWhere('i.location <@ box(point(:west, :south), point(:east, :north))', { west, south, east, north });
  }
  if (filters.from) query.andWhere('i.occurred_at >= :from', { from: startOf(filters.from) });
  // A bare `to` date includes that whole day: up to the next midnight (UTC, as `from`).
  if (filters.to) {
    if (DATE_ONLY.test(filters.to)) query.andWhere('i.occurred_at < :to', { to: nextMidnight(filters.to) });
    else query.andWhere('i.occurred_at <= :to', { to: filters.to });
  }
  if (filters.type?.length) query.andWhere('i.type = ANY(:types)', { types: filters.type });
  if (filters.subType?.length) query.andWhere('i.sub_type = ANY(:subTypes)', { subTypes: filters.subType });
  if (filters.actor?.length) query.andWhere('i.actor_ids && :actors', { actors: filters.actor });
  if (filters.target?.length) query.andWhere('i.targets && :targets', { targets: filters.target });
  if (filters.status?.length) query.andWhere('i.status = ANY(:statuses)', { statuses: filters.status });
  if (filters.verification?.length) query.andWhere('i.verification = ANY(:levels)', { levels: filters.verification });
  return query;
}

const nextMidnight = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString();

function startOf(value: string): string {
  return DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value;
}
