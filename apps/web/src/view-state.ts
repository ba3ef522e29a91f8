import { isCalendarDate } from '../../../libs/domain/src/calendar.js';
import {
  INCIDENT_TYPES,
  TARGETS,
  VERIFICATION_LEVELS,
  type IncidentType,
  type Target,
  type VerificationLevel,
} from '../../../libs/domain/src/incident/incident.taxonomy.js';

// What the map shows, as the URL's query string: a view can be shared, and reload restores it.
// Pure (no DOM) so it is unit-tested in Node.

export interface Filters {
  from: string;
  to: string;
  types: IncidentType[];
  subTypes: string[];
  actors: string[];
  /** First-order regions (admin1), as recorded. */
  regions: string[];
  /** Second-order regions (admin2: cercles, districts), as recorded. */
  districts: string[];
  targets: Target[];
  verification: VerificationLevel[];
  showRetracted: boolean;
}

export interface MapView {
  lat: number;
  lon: number;
  zoom: number;
}

export interface ViewState {
  filters: Filters;
  view: MapView;
  /** The incident open in the panel. */
  incident: string | null;
}

/** Northern Mali, from Mopti to the Algerian border. */
export const DEFAULT_VIEW: MapView = { lat: 18, lon: -2.5, zoom: 6 };

export const noFilters = (): Filters => ({ from: '', to: '', types: [], subTypes: [], actors: [], regions: [], districts: [], targets: [], verification: [], showRetracted: false });

const list = (value: string | null) => (value ?? '').split(',').map((v) => v.trim()).filter(Boolean);
const oneOf = <T extends string>(values: string[], allowed: readonly T[]) => values.filter((v): v is T => allowed.includes(v as T));

/** Only the sub-types of the chosen types count (the sub-type filter depends on the type filter). */
export function subTypesOf(types: readonly IncidentType[]): string[] {
  return types.flatMap((type) => INCIDENT_TYPES[type]);
}

export function parseViewState(search: string): ViewState {
  const q = new URLSearchParams(search);
  const types = oneOf(list(q.get('type')), Object.keys(INCIDENT_TYPES) as IncidentType[]);
  const number = (name: string, min: number, max: number, fallback: number) => {
    const raw = q.get(name);
    const value = raw === null || raw === '' ? NaN : Number(raw);
    return value >= min && value <= max ? value : fallback;
  };
  return {
    filters: {
      from: isCalendarDate(q.get('from')) ? q.get('from')! : '',
      to: isCalendarDate(q.get('to')) ? q.get('to')! : '',
      types,
      subTypes: oneOf(list(q.get('subType')), subTypesOf(types)),
      actors: list(q.get('actor')).slice(0, 20),
      regions: list(q.get('admin1')).slice(0, 20),
      districts: list(q.get('admin2')).slice(0, 20),
      targets: oneOf(list(q.get('target')), TARGETS),
      verification: oneOf(list(q.get('verification')), VERIFICATION_LEVELS),
      showRetracted: q.get('retracted') === '1',
    },
    view: {
      lat: number('lat', -85, 85, DEFAULT_VIEW.lat),
      lon: number('lon', -180, 180, DEFAULT_VIEW.lon),
      zoom: Math.round(number('z', 2, 18, DEFAULT_VIEW.zoom)),
    },
    incident: /^[0-9a-f-]{36}$/i.test(q.get('incident') ?? '') ? q.get('incident') : null,
  };
}

/** The query string of the page: filters first, then the view. Empty filters are left out. */
export function formatViewState({ filters, view, incident }: ViewState): string {
  const q = filterParams(filters);
  q.delete('status');
  if (filters.showRetracted) q.set('retracted', '1');
  q.set('lat', view.lat.toFixed(4));
  q.set('lon', view.lon.toFixed(4));
  q.set('z', String(view.zoom));
  if (incident) q.set('incident', incident);
  return q.toString();
}

/** The API's filter parameters (GET /api/incidents and the exports). */
export function filterParams(filters: Filters): URLSearchParams {
  const q = new URLSearchParams();
  if (filters.from) q.set('from', filters.from);
  if (filters.to) q.set('to', filters.to);
  if (filters.types.length) q.set('type', filters.types.join(','));
  const subTypes = filters.subTypes.filter((s) => subTypesOf(filters.types).includes(s));
  if (subTypes.length) q.set('subType', subTypes.join(','));
  if (filters.actors.length) q.set('actor', filters.actors.join(','));
  if (filters.regions.length) q.set('admin1', filters.regions.join(','));
  if (filters.districts.length) q.set('admin2', filters.districts.join(','));
  if (filters.targets.length) q.set('target', filters.targets.join(','));
  if (filters.verification.length) q.set('verification', filters.verification.join(','));
  // The API returns both statuses when none is given; retracted incidents stay hidden unless asked for.
  if (!filters.showRetracted) q.set('status', 'active');
  return q;
}

export type Bbox = [west: number, south: number, east: number, north: number];

export function bboxParam([west, south, east, north]: Bbox): string {
  return [west, south, east, north].map((v) => v.toFixed(4)).join(',');
}

/** Within what the API accepts and Web Mercator can show. */
export function clampBbox([west, south, east, north]: Bbox): Bbox {
  return [Math.max(west, -180), Math.max(south, -85), Math.min(east, 180), Math.min(north, 85)];
}

/**
 * The bounds Leaflet will show for this view in a map of this size, before Leaflet has loaded
 * (so the incidents can be requested early): Web Mercator at 256 px tiles, with the map's
 * top-left pixel rounded as Leaflet rounds it.
 */
export function leafletBounds({ lat, lon, zoom }: MapView, width: number, height: number): Bbox {
  const scale = 256 * 2 ** zoom;
  const sin = Math.sin((Math.max(Math.min(lat, 85.0511287798), -85.0511287798) * Math.PI) / 180);
  const x = scale * (lon / 360 + 0.5);
  const y = scale * (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI));
  const [left, top] = [Math.round(x - width / 2), Math.round(y - height / 2)];
  const lonAt = (px: number) => (px / scale - 0.5) * 360;
  const latAt = (py: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * py) / scale))) * 180) / Math.PI;
  return clampBbox([lonAt(left), latAt(top + height), lonAt(left + width), latAt(top)]);
}
