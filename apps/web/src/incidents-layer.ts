import L from 'leaflet';
import Supercluster, { type ClusterFeature as Cluster, type PointFeature as Point } from 'supercluster';
import { api, type IncidentFeature } from './api.js';
import { h, replaceChildren } from './dom.js';
import { formatNumber, formatOccurred, label, onLanguageChange, t, tPlural } from './i18n/index.js';
import { MAX_ZOOM } from './map.js';
import { typeSymbol } from './symbols.js';
import { bboxParam, filterParams, type Bbox, type Filters } from './view-state.js';

type PointProps = { id: string; type: string; place: string; occurredAt: string; killed: number; retracted: boolean };
type ClusterProps = { killed: number };

/** Features per request: few round trips on a slow link, yet a first page drawn quickly. */
const PAGE_SIZE = 5000;
/** Longest list shown for a cluster that cannot be split (same place). */
const LIST_LIMIT = 50;

/**
 * The incidents of the visible area (plus a margin, so small pans need no request), clustered
 * with supercluster. Its map/reduce sums the killed of each cluster, so the "count · killed"
 * labels are totals of the points beneath, not of what happens to be drawn.
 */
export class IncidentsLayer {
  readonly group = L.layerGroup();
  private index = newIndex();
  private loaded: { bbox: Bbox; query: string } | null = null;
  private loading: AbortController | null = null;
  private state: 'loading' | 'ready' | 'error' = 'loading';
  private filters: Filters | null = null;
  private moveTimer: number | undefined;

  constructor(
    private readonly map: L.Map,
    private readonly statusLine: HTMLElement,
    private readonly onSelect: (id: string) => void,
  ) {
    map.on('moveend', () => {
      clearTimeout(this.moveTimer);
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

  /** Loads every page for the view. `minPosition` makes the API wait for a write just made. */
  async reload(minPosition?: string): Promise<void> {
    if (!this.filters) return;
    this.loading?.abort();
    const controller = (this.loading = new AbortController());
    const bbox = this.paddedBbox();
    const query = filterParams(this.filters);
    query.set('bbox', bboxParam(bbox));
    query.set('limit', String(PAGE_SIZE));
    if (minPosition) query.set('minPosition', minPosition);
    this.setState('loading');
    const features: IncidentFeature[] = [];
    try {
      for (let after: string | undefined, first = true; first || after; first = false) {
        if (after) query.set('after', after);
        query.delete('minPosition'); // the first page has waited already
        if (first && minPosition) query.set('minPosition', minPosition);
        const page = await api.incidents(query, controller.signal);
        features.push(...page.features);
        after = page.nextCursor;
        this.index = newIndex(features);
        this.draw();
        if (first) performance.mark('incidents-first-page');
      }
    } catch (error) {
      if (controller.signal.aborted) return;
      console.warn('incidents:', error);
      this.setState('error');
      return;
    }
    this.loaded = { bbox, query: filterParams(this.filters).toString() };
    this.loading = null;
    this.setState('ready');
    performance.mark('incidents-rendered');
  }

  private draw(): void {
    const zoom = Math.round(this.map.getZoom());
    const clusters = this.index.getClusters(this.viewBbox(), zoom);
    const markers = clusters.map((c) => ('cluster' in c.properties && c.properties.cluster ? this.clusterMarker(c as ClusterFeature) : this.pointMarker(c as PointFeature)));
    this.group.clearLayers();
    markers.forEach((marker) => this.group.addLayer(marker));
    this.inView = clusters.reduce((sum, c) => sum + ('point_count' in c.properties ? c.properties.point_count : 1), 0);
    this.renderStatus();
  }

  private inView = 0;

  private clusterMarker(cluster: ClusterFeature): L.Marker {
    const { point_count: count, killed, cluster_id: id } = cluster.properties;
    const [lon, lat] = cluster.geometry.coordinates;
    const size = count < 10 ? 'small' : count < 100 ? 'medium' : 'large';
    const html = h('span', { class: `cluster-label cluster-${size}`, 'data-count': count, 'data-killed': killed },
      h('span', { class: 'cluster-count' }, formatNumber(count)), ' · ', h('span', { class: 'cluster-killed' }, formatNumber(killed)));
    // A zero-sized icon anchored on the point; CSS centres the label, whatever its width.
    const marker = L.marker([lat, lon], { icon: L.divIcon({ html, className: 'incident-cluster', iconSize: [0, 0] }), title: tPlural('map.cluster', count, { killed }), keyboard: true });
    marker.on('click', () => {
      const zoom = this.index.getClusterExpansionZoom(id);
      if (zoom <= this.map.getMaxZoom()) this.map.setView([lat, lon], zoom);
      else marker.bindPopup(this.leavesList(id, count), { maxHeight: 300 }).openPopup();
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
    if (this.state === 'error') {
      replaceChildren(this.statusLine, h('span', { role: 'alert' }, t('map.loadError')), ' ', h('button', { type: 'button', onclick: () => void this.reload() }, t('map.retry')));
    } else {
      replaceChildren(this.statusLine, this.state === 'loading' ? t('map.loading') : tPlural('map.inView', this.inView));
    }
  }

  private viewBbox(): Bbox {
    const b = this.map.getBounds();
    return [Math.max(b.getWest(), -180), Math.max(b.getSouth(), -85), Math.min(b.getEast(), 180), Math.min(b.getNorth(), 85)];
  }

  private paddedBbox(): Bbox {
    const [w, s, e, n] = this.viewBbox();
    const dx = (e - w) / 2;
    const dy = (n - s) / 2;
    return [Math.max(w - dx, -180), Math.max(s - dy, -85), Math.min(e + dx, 180), Math.min(n + dy, 85)];
  }

  private covers([w, s, e, n]: Bbox): boolean {
    if (!this.loaded || !this.filters || this.loaded.query !== filterParams(this.filters).toString()) return false;
    const [lw, ls, le, ln] = this.loaded.bbox;
    return w >= lw && s >= ls && e <= le && n <= ln;
  }
}

type PointFeature = Point<PointProps>;
type ClusterFeature = Cluster<ClusterProps>;

function newIndex(features: IncidentFeature[] = []): Supercluster<PointProps, ClusterProps> {
  const index = new Supercluster<PointProps, ClusterProps>({
    radius: 50,
    // Up to the map's last zoom: points still together there share a place, and a click lists them.
    maxZoom: MAX_ZOOM,
    map: (props) => ({ killed: props.killed }),
    reduce: (total, props) => {
      total.killed += props.killed;
    },
  });
  return index.load(
    features.map((f) => ({
      type: 'Feature',
      geometry: f.geometry,
      properties: { id: f.id, type: f.properties.type, place: f.properties.place, occurredAt: f.properties.occurredAt, killed: f.properties.fatalities, retracted: f.properties.status === 'retracted' },
    })),
  );
}
