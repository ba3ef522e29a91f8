import { api, PAGE_SIZE, type MapIncidents } from './api.js';
import { bboxParam, filterParams, leafletBounds, parseViewState, type Bbox } from './view-state.js';

let prefetched: { bbox: Bbox; filters: string; zoom: number; page: Promise<MapIncidents> } | null = null;

/** Requests the first page of the view in the URL, sized as the map will be (the CSS is loaded). */
export function prefetchIncidents(): void {
  const { filters, view } = parseViewState(location.search);
  const map = document.getElementById('map');
  if (!map?.clientWidth) return;
  const bbox = leafletBounds(view, map.clientWidth, map.clientHeight);
  const query = filterParams(filters);
  const key = query.toString();
  query.set('bbox', bboxParam(bbox));
  query.set('limit', String(PAGE_SIZE));
  const page = api.mapIncidents(query);
  page.catch(() => undefined); // a failure is reported when the map takes the page
  prefetched = { bbox, filters: key, zoom: view.zoom, page };
}

/**
 * The prefetched page if it is for these filters and (to a pixel or two: the map rounds its
 * origin) this view; once only.
 */
export function takePrefetched(filters: string, [w, s, e, n]: Bbox, zoom: number): { bbox: Bbox; page: Promise<MapIncidents> } | null {
  const candidate = prefetched;
  prefetched = null;
  if (!candidate || candidate.filters !== filters || candidate.zoom !== zoom) return null;
  const tolerance = 720 / (256 * 2 ** zoom);
  const near = [w, s, e, n].every((value, i) => Math.abs(value - candidate.bbox[i]) <= tolerance);
  return near ? candidate : null;
}
