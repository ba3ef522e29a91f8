import L from 'leaflet';
import countries from 'virtual:base-map';
import type { Place } from './api.js';
import { h } from './dom.js';
import { onLanguageChange, t } from './i18n/index.js';
import type { MapView } from './view-state.js';

const MALI = '466';
export const MAX_ZOOM = 16;
const OSM_KEY = 'tracker.osm';
/** Below this zoom the gazetteer's labels would cover the incidents. */
const PLACE_LABEL_ZOOM = 6;

/**
 * The map with its offline base (country outlines bundled with the app). Tiles from
 * OpenStreetMap are an option a user turns on when there is a connection; it is remembered.
 */
export function createMap(container: HTMLElement, view: MapView): L.Map {
  const map = L.map(container, { center: [view.lat, view.lon], zoom: view.zoom, minZoom: 3, maxZoom: MAX_ZOOM, zoomSnap: 1 });
  map.attributionControl.setPrefix('Leaflet');
  // Fills sit under the optional tiles and borders above them, so Mali stays outlined either way.
  map.createPane('baseFill').style.zIndex = '150';
  map.createPane('baseLines').style.zIndex = '250';
  // Place names under the incidents, never over a cluster's count.
  map.createPane('placeLabels').style.zIndex = '450';
  const isMali = (feature?: GeoJSON.Feature) => feature?.id === MALI;
  L.geoJSON(countries, {
    pane: 'baseFill',
    interactive: false,
    style: (feature) => ({ stroke: false, fillColor: isMali(feature) ? '#f6e7c8' : '#e8e6df', fillOpacity: 1 }),
  }).addTo(map);
  L.geoJSON(countries, {
    pane: 'baseLines',
    interactive: false,
    style: (feature) => (isMali(feature) ? { color: '#8a5a14', weight: 2.5, fill: false } : { color: '#9a9a9a', weight: 1, fill: false }),
  }).addTo(map);
  const toggleLabels = () => container.classList.toggle('hide-place-labels', map.getZoom() < PLACE_LABEL_ZOOM);
  map.on('zoomend', toggleLabels);
  toggleLabels();
  return map;
}

export function placesLayer(places: Place[]): L.LayerGroup {
  return L.layerGroup(
    places.map((place) =>
      L.circleMarker([place.lat, place.lon], { radius: 2.5, weight: 1, color: '#333333', fillOpacity: 1, interactive: false })
        // Tooltip content is a DOM node: a place name is data, never parsed as HTML.
        .bindTooltip(h('span', {}, place.name), { permanent: true, direction: 'right', offset: [3, 0], className: 'place-label', interactive: false, pane: 'placeLabels' }),
    ),
  );
}

/** The layer switcher, rebuilt on a language change (Leaflet takes its labels as strings). */
export function addLayerControl(map: L.Map, overlays: { places: L.Layer; incidents: L.Layer }): void {
  const osm = L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', {
    maxZoom: 19,
    attribution: '© OpenStreetMap contributors',
  });
  if (localStorage.getItem(OSM_KEY) === '1') osm.addTo(map);
  map.on('overlayadd overlayremove', (event) => {
    if ((event as L.LayersControlEvent).layer === osm) localStorage.setItem(OSM_KEY, event.type === 'overlayadd' ? '1' : '0');
  });
  let control: L.Control.Layers | undefined;
  let attribution = '';
  const build = () => {
    control?.remove();
    map.attributionControl.removeAttribution(attribution);
    attribution = t('map.attribution');
    map.attributionControl.addAttribution(attribution);
    control = L.control
      .layers(undefined, { [t('map.layer.incidents')]: overlays.incidents, [t('map.layer.places')]: overlays.places, [t('map.layer.osm')]: osm }, { collapsed: true, position: 'topleft' })
      .addTo(map);
  };
  build();
  onLanguageChange(build);
}
