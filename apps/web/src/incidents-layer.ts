import L from 'leaflet';
import Supercluster, { type ClusterFeature as Cluster, type PointFeature as Point } from 'supercluster';
import { api, PAGE_SIZE, type MapIncident, type MapIncidents } from './api.js';
import { h, replaceChildren } from './dom.js';
import { formatNumber, formatOccurred, label, onLanguageChange, t, tPlural } from './i18n/index.js';
import { MAX_ZOOM } from './map.js';
import { takePrefetched } from './prefetch.js';
import { typeSymbol } from './symbols.js';
import { bboxParam, clampBbox, filterParams, type Bbox, type Filters } from './view-state.js';

/** killed null: no figure (an imported record), counted as none in a cluster's total. */
type PointProps = { id: string; type: string; place: string; occurredAt: string; killed: number | null; retracted: boolean };
type ClusterProps = { killed: number };

/** Longest list shown for a cluster that cannot be split (same place). */
const LIST_LIMIT = 50;

/**
 * The incidents of the visible area, clustered with supercluster. Its map/reduce sums the
 * killed of each cluster, so the "count · killed" labels are totals of the points beneath,
 * not of what happens to be drawn.
 */
export class IncidentsLayer {
  readonly group = L.layerGroup();
  private index = newIndex();
  private loaded: { bbox: Bbox; query: string } | null = null;
  private loading: AbortController | null = null;
  private state: 'loading' | 'ready' | 'error' = 'loading';
  private filters: Filters | null = null;
  private moveTimer: number | undefined;
  private inView = 0;
  /** The API could not wait for the last write: it may not be drawn yet. */
  private behind = false;
  /** The incidents of the last load, and the ids the map is restricted to (a review cell), if any. */
  private incidents: MapIncident[] = [];
  private only: Set<string> | null = null;
  /** While another screen (the timeline) owns the map's markers and its counter. */
  private suspended = false;
  /** What is drawn: badges and symbols, none overlapping another. */
  private badges: Badge[] = [];

  constructor(
    private readonly map: L.Map,
    private readonly statusLine: HTMLElement,
    private readonly onSelect: (id: string) => void,
  ) {
    // Place names arrive (or move) after the incidents: those under a badge are hidden again.
    let labelFrame = 0;
    map.on('tooltipopen', () => {
      cancelAnimationFrame(labelFrame);
      labelFrame = requestAnimationFrame(() => this.coverPlaceLabels());
    });
    map.on('moveend', () => {
      clearTimeout(this.moveTimer);
      if (this.suspended) return;
      this.moveTimer = window.setTimeout(() => (this.covers(this.viewBbox()) ? this.draw() : void this.reload()), 150);
    });
    onLanguageChange(() => {
      this.draw();
      this.renderStatus();
    });
  }

  setFilters(filters: Filters): Promise<void> {
    this.filters = filters;
    return this.reload();
  }

  /**
   * Loads every incident of the view, then clusters and draws them all at once: a cluster's
   * count is never drawn from a partial load. `minPosition` makes the API wait for a write
   * just made (read your own writes).
   */
  async reload(minPosition?: string): Promise<void> {
    if (!this.filters) return;
    this.loading?.abort();
    const controller = (this.loading = new AbortController());
    let bbox = this.viewBbox();
    const filters = filterParams(this.filters);
    const prefetched = minPosition ? null : takePrefetched(filters.toString(), bbox, this.map.getZoom());
    if (prefetched) bbox = prefetched.bbox;
    this.setState('loading');
    try {
      const { incidents, behind } = await fetchAll(filters, bbox, controller.signal, minPosition, prefetched?.page);
      performance.mark('incidents-received');
      this.behind = behind;
      this.incidents = incidents;
      this.index = newIndex(this.shown());
    } catch (error) {
      if (controller.signal.aborted) return;
      console.warn('incidents:', error);
      this.setState('error');
      return;
    }
    this.loaded = { bbox, query: filters.toString() };
    this.loading = null;
    this.draw();
    this.setState('ready');
    performance.mark('incidents-drawn');
    // The frame after next: the markers are on screen (the benchmark's end).
    requestAnimationFrame(() => requestAnimationFrame(() => performance.mark('incidents-rendered')));
  }

  /** Takes the layer off the map: it stops loading and leaves the counter to whoever shows markers instead. */
  suspend(): void {
    this.suspended = true;
    clearTimeout(this.moveTimer);
    this.group.remove();
    this.coverPlaceLabels();
  }

  resume(): void {
    this.suspended = false;
    this.group.addTo(this.map);
    if (this.covers(this.viewBbox())) {
      this.draw();
      this.renderStatus();
    } else void this.reload();
  }

  /** Restricts the map to these incidents (null: all that the filters match). */
  setOnly(ids: Iterable<string> | null): void {
    this.only = ids ? new Set(ids) : null;
    this.index = newIndex(this.shown());
    this.draw();
  }

  private shown(): MapIncident[] {
    const only = this.only;
    return only ? this.incidents.filter(([id]) => only.has(id)) : this.incidents;
  }

  private draw(): void {
    const zoom = Math.round(this.map.getZoom());
    const clusters = this.index.getClusters(this.viewBbox(), zoom);
    this.group.clearLayers();
    this.badges = this.declutter(clusters.map((c) => ({ lat: c.geometry.coordinates[1], lon: c.geometry.coordinates[0], members: [c as Feature] })));
    this.coverPlaceLabels();
    this.inView = clusters.reduce((sum, c) => sum + ('point_count' in c.properties ? c.properties.point_count : 1), 0);
    this.renderStatus();
  }

  /**
   * Supercluster's radius keeps cluster centres apart, not their labels ("1 234 · 56" is wider than
   * the radius). So on screen, the biggest badges are placed first and any badge or symbol that
   * would overlap one is merged into it (its totals added), until none overlaps another.
   */
  private declutter(badges: Badge[]): Badge[] {
    badges.forEach((badge) => this.place(badge));
    for (let merged = true; merged; ) {
      merged = false;
      const placed: Badge[] = [];
      const measured = badges.map((badge) => ({ badge, rect: badgeRect(badge) }));
      measured.sort((a, b) => count(b.badge) - count(a.badge));
      const rects: DOMRect[] = [];
      for (const { badge, rect } of measured) {
        const i = rects.findIndex((other) => overlaps(rect, other));
        if (i < 0) {
          placed.push(badge);
          rects.push(rect);
          continue;
        }
        placed[i].members.push(...badge.members);
        badge.marker!.remove();
        merged = true;
      }
      // Merged badges show their new totals (wider, maybe overlapping again: the loop checks).
      if (merged) placed.forEach((badge) => badge.members.length > 1 && this.place(badge));
      badges = placed;
    }
    return badges;
  }

  /** Draws a badge (a cluster, or several merged) or an incident's symbol, replacing what it showed. */
  private place(badge: Badge): void {
    badge.marker?.remove();
    const [only] = badge.members;
    badge.marker = badge.members.length === 1 && !('cluster' in only.properties) ? this.pointMarker(only as PointFeature) : this.clusterMarker(badge);
    this.group.addLayer(badge.marker);
  }

  /**
   * A place name that a badge would cover moves to the left of its dot, above or below it; under
   * a badge wherever it goes, it is hidden (the dot stays): the data wins.
   */
  private coverPlaceLabels(): void {
    const labels = [...this.map.getContainer().querySelectorAll<HTMLElement>('.place-label')];
    const rects = this.suspended ? [] : this.badges.map(badgeRect);
    for (const label of labels) {
      label.style.translate = '';
      label.classList.remove('covered');
    }
    for (const label of labels) {
      const at = label.getBoundingClientRect();
      // From the right of the dot (Leaflet's 9 px offset and margin) to the left, above, below.
      const gap = 9;
      const shifts = [[0, 0], [-(at.width + 2 * gap), 0], [-(gap + at.width / 2), -(at.height / 2 + gap)], [-(gap + at.width / 2), at.height / 2 + gap]];
      const free = shifts.find(([dx, dy]) => !rects.some((rect) => overlaps(new DOMRect(at.x + dx, at.y + dy, at.width, at.height), rect)));
      if (free) label.style.translate = free[0] || free[1] ? `${free[0]}px ${free[1]}px` : '';
      else label.classList.add('covered');
    }
  }

  private clusterMarker(badge: Badge): L.Marker {
    const total = count(badge);
    const killed = badge.members.reduce((sum, m) => sum + (m.properties.killed ?? 0), 0);
    const size = total < 10 ? 'small' : total < 100 ? 'medium' : 'large';
    const html = h('span', { class: `cluster-label cluster-${size}`, 'data-count': total, 'data-killed': killed },
      h('span', { class: 'cluster-count' }, formatNumber(total)), ' · ', h('span', { class: 'cluster-killed' }, formatNumber(killed)));
    // A zero-sized icon anchored on the point; CSS centres the label, whatever its width.
    const marker = L.marker([badge.lat, badge.lon], { icon: L.divIcon({ html, className: 'incident-cluster', iconSize: [0, 0] }), title: tPlural('map.cluster', total, { killed }), keyboard: true });
    const [only] = badge.members;
    marker.on('click', () => {
      if (badge.members.length > 1) {
        // Merged on screen: show the ground they cover.
        const bounds = L.latLngBounds(badge.members.map((m) => L.latLng(m.geometry.coordinates[1], m.geometry.coordinates[0])));
        this.map.fitBounds(bounds.pad(0.5), { maxZoom: Math.max(this.map.getZoom() + 1, this.map.getBoundsZoom(bounds.pad(0.5))) });
        return;
      }
      const id = (only as ClusterFeature).properties.cluster_id;
      const zoom = this.index.getClusterExpansionZoom(id);
      if (zoom <= this.map.getMaxZoom()) this.map.setView([badge.lat, badge.lon], zoom);
      else marker.bindPopup(this.leavesList(id, total), { maxHeight: 300 }).openPopup();
    });
    return marker;
  }

  /** Incidents recorded at the very same point: a list to pick from, built from DOM nodes. */
  private leavesList(clusterId: number, count: number): HTMLElement {
    const leaves = this.index.getLeaves(clusterId, LIST_LIMIT).sort((a, b) => b.properties.occurredAt.localeCompare(a.properties.occurredAt));
    const items = leaves.map(({ properties: p }) =>
      h('li', {}, h('button', { type: 'button', class: 'link', onclick: () => { this.map.closePopup(); this.onSelect(p.id); } },
        typeSymbol(p.type, { size: 14, retracted: p.retracted }), ` ${formatOccurred(p.occurredAt)} — ${label('type', p.type)} — ${p.place}`)),
    );
    return h('div', { class: 'cluster-list' }, h('ul', {}, ...items), count > LIST_LIMIT ? h('p', {}, `+${formatNumber(count - LIST_LIMIT)}`) : null);
  }

  private pointMarker(point: PointFeature): L.Marker {
    const { id, type, place, retracted } = point.properties;
    const [lon, lat] = point.geometry.coordinates;
    const html = h('span', { class: 'incident-symbol', 'data-incident-id': id, 'data-type': type, 'data-killed': point.properties.killed }, typeSymbol(type, { retracted }));
    const title = `${label('type', type)} — ${place}${retracted ? ` (${label('status', 'retracted')})` : ''}`;
    const marker = L.marker([lat, lon], { icon: L.divIcon({ html, className: 'incident-marker', iconSize: [20, 20] }), title, keyboard: true, riseOnHover: true });
    marker.on('click', () => this.onSelect(id));
    return marker;
  }

  private setState(state: 'loading' | 'ready' | 'error'): void {
    this.state = state;
    // Tests and the benchmark wait on this.
    document.body.dataset.incidents = state;
    this.renderStatus();
  }

  private renderStatus(): void {
    if (this.suspended) return;
    if (this.state === 'error') {
      replaceChildren(this.statusLine, h('span', { role: 'alert' }, t('map.loadError')), ' ', h('button', { type: 'button', onclick: () => void this.reload() }, t('map.retry')));
    } else {
      replaceChildren(this.statusLine, this.state === 'loading' ? t('map.loading') : tPlural('map.inView', this.inView),
        this.state === 'ready' && this.behind ? h('span', { class: 'behind' }, ` — ${t('map.behind')}`) : null);
    }
  }

  private viewBbox(): Bbox {
    const b = this.map.getBounds();
    return clampBbox([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]);
  }

  private covers([w, s, e, n]: Bbox): boolean {
    if (!this.loaded || !this.filters || this.loaded.query !== filterParams(this.filters).toString()) return false;
    const [lw, ls, le, ln] = this.loaded.bbox;
    return w >= lw && s >= ls && e <= le && n <= ln;
  }
}

type PointFeature = Point<PointProps>;
type ClusterFeature = Cluster<ClusterProps>;
type Feature = PointFeature | ClusterFeature;
/** One mark on the map: a cluster or a single incident, or several merged where their marks would overlap. */
interface Badge {
  lat: number;
  lon: number;
  members: Feature[];
  marker?: L.Marker;
}

const count = (badge: Badge) => badge.members.reduce((sum, m) => sum + ('cluster' in m.properties ? (m as ClusterFeature).properties.point_count : 1), 0);
/** The badge's label (or symbol) as laid out on screen. */
const badgeRect = (badge: Badge): DOMRect => {
  // Not drawn (the layer is off the map): nothing to collide with.
  const element = badge.marker?.getElement();
  return (element?.firstElementChild ?? element)?.getBoundingClientRect() ?? new DOMRect();
};
/** With a pixel of air between them; what is not drawn (no size) overlaps nothing. */
const overlaps = (a: DOMRect, b: DOMRect) =>
  a.width > 0 && b.width > 0 && a.left < b.right + 1 && b.left < a.right + 1 && a.top < b.bottom + 1 && b.top < a.bottom + 1;

/** Every page of the view. */
async function fetchAll(filters: URLSearchParams, bbox: Bbox, signal: AbortSignal, minPosition?: string, firstPage?: Promise<MapIncidents>): Promise<{ incidents: MapIncident[]; behind: boolean }> {
  const query = new URLSearchParams(filters);
  query.set('bbox', bboxParam(bbox));
  query.set('limit', String(PAGE_SIZE));
  if (minPosition) query.set('minPosition', minPosition);
  let incidents: MapIncident[] = [];
  let behind = false;
  for (let next = firstPage; ; next = undefined) {
    const page = await (next ?? api.mapIncidents(query, signal));
    incidents = incidents.concat(page.incidents);
    behind ||= page.readModelBehind === true;
    if (!page.nextCursor) return { incidents, behind };
    query.set('after', page.nextCursor);
    query.delete('minPosition'); // the first page has waited already
  }
}

function newIndex(incidents: MapIncident[] = []): Supercluster<PointProps, ClusterProps> {
  const index = new Supercluster<PointProps, ClusterProps>({
    // In screen pixels (tiles are 256 px): a cluster's label must not overlap the next one.
    extent: 256,
    radius: 40,
    // Up to the map's last zoom: points still together there share a place, and a click lists them.
    maxZoom: MAX_ZOOM,
    map: (props) => ({ killed: props.killed ?? 0 }),
    reduce: (total, props) => {
      total.killed += props.killed;
    },
  });
  return index.load(
    incidents.map(([id, lon, lat, type, killed, occurredAt, place, retracted]) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [lon, lat] },
      properties: { id, type, place, occurredAt, killed, retracted },
    })),
  );
}
