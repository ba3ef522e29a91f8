// The app itself, loaded by main.ts once the incidents of the view are on their way.
import L from 'leaflet';
import { api, logout, type Place } from './api.js';
import type { ActorName } from './actor-search.js';
import { h } from './dom.js';
import { createExport } from './export.js';
import { createFilters } from './filters.js';
import { createIncidentChart } from './incident-chart.js';
import { applyTranslations, language, onLanguageChange, setLanguage, t, type Lang, type MessageKey } from './i18n/index.js';
import { createActions } from './incident-actions.js';
import { createEvidenceAttach } from './evidence.js';
import { showIncident } from './incident-panel.js';
import { IncidentsLayer } from './incidents-layer.js';
import { createLegend } from './legend.js';
import { addLayerControl, createMap, placesLayer } from './map.js';
import { onOutboxChange, outboxItems, startSending, type SavedItem } from './outbox.js';
import { createOutboxPanel, showOutboxIndicator } from './outbox-panel.js';
import { createReportForm, type ReportMode } from './report-form.js';
import { watchReadSide } from './read-side-banner.js';
import { createImportScreen } from './import-screen.js';
import { createIncidentReviews, createReviewScreen } from './reviews.js';
import { can, session, user as signedInUser } from './session.js';
import { Sheet } from './sheet.js';
import { createTimeline } from './timeline.js';
import { bboxParam, filterParams, formatViewState, parseViewState } from './view-state.js';

const $ = (id: string) => document.getElementById(id)!;
const state = parseViewState(location.search);
applyTranslations(document);

// Header: language (remembered on this device), the signed-in user and their roles.
const languageSelect = $('language') as HTMLSelectElement;
languageSelect.value = language();
languageSelect.addEventListener('change', () => setLanguage(languageSelect.value as Lang));
const user = signedInUser()!;
$('user-name').textContent = user.username;
const showRoles = () => ($('user-roles').textContent = user.roles.map((role) => t(`userRole.${role}` as MessageKey)).join(', '));
showRoles();
onLanguageChange(showRoles);
$('sign-out').addEventListener('click', () => void logout().then(() => location.reload()));
$('report').hidden = !can('incidents:report');
// What the data covers comes from the server's configuration, not from the translations.
api.context().then(
  ({ context }) => ($('app-context').textContent = context),
  (error) => console.warn('context:', error),
);
const sidebar = $('sidebar');
const toggleFilters = $('toggle-filters');
toggleFilters.addEventListener('click', () => toggleFilters.setAttribute('aria-expanded', String(sidebar.classList.toggle('open'))));

// The map and its layers.
const map = createMap($('map'), state.view);
const incidents = new IncidentsLayer(map, $('map-status'), (id) => void openIncident(id));
incidents.group.addTo(map);
const placeNames = L.layerGroup().addTo(map);
let places: Place[] = [];
let actors: ActorName[] = [];
/** The gazetteer and the actors: the service worker keeps the last copy for offline use. */
function loadReferenceData() {
  api.places().then(
    (answer) => {
      places = answer.places;
      placeNames.clearLayers();
      placesLayer(places).eachLayer((layer) => placeNames.addLayer(layer));
    },
    (error) => console.warn('gazetteer:', error),
  );
  api.actors().then(
    (answer) => (actors = answer.actors),
    (error) => console.warn('actors:', error),
  );
}
loadReferenceData();
// On the first visit the page loads before its service worker runs: ask once more through it.
if (navigator.serviceWorker && !navigator.serviceWorker.controller) {
  navigator.serviceWorker.addEventListener('controllerchange', loadReferenceData, { once: true });
}
addLayerControl(map, { places: placeNames, incidents: incidents.group });
const selection = L.circleMarker([0, 0], { radius: 15, className: 'selected-ring', interactive: false });

// The sidebar: filters, legend, export.
// Brushing a chart (under the map, or in the timeline) sets the map's period.
const setPeriod = (from: string, to: string) => filterForm.setPeriod(from, to);
const chart = createIncidentChart(setPeriod);
$('map-area').append(chart.element);
const filterForm = createFilters(sidebar, state.filters, (filters) => {
  state.filters = filters;
  sync();
  void incidents.setFilters(filters);
  void chart.update(filterParams(filters));
});
void chart.update(filterParams(state.filters));
createLegend(sidebar);
const updateExport = can('exports:read') ? createExport(sidebar) : () => undefined;

/** The URL and the export links follow the filters, the view and the open incident. */
function sync() {
  const centre = map.getCenter();
  state.view = { lat: centre.lat, lon: centre.lng, zoom: map.getZoom() };
  history.replaceState(null, '', `?${formatViewState(state)}`);
  const bounds = map.getBounds();
  const query = filterParams(state.filters);
  query.set('bbox', bboxParam([bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()]));
  updateExport(query);
}
map.on('moveend', sync);

// The panel: an incident, or the report form.
const sheet = new Sheet($('sheet'), closeSheet);

function closeSheet() {
  sheet.close();
  selection.remove();
  state.incident = null;
  sync();
}

async function openIncident(id: string, minPosition?: string, reviewsPosition?: string) {
  state.incident = id;
  sync();
  const content = h('div', { class: 'incident-panel' });
  sheet.open(content, 'incident');
  const view = await showIncident(content, id, (shown) => {
    const actions = createActions(shown, {
      onAmend: () => openForm({ kind: 'amend', view: shown }),
      onDone: (result, message) => void afterWrite(id, result.position, message, true),
      onReload: () => void openIncident(id),
    });
    const reviews = createIncidentReviews(id, (result, message) => {
      void openIncident(id, undefined, result.position);
      toast(t(message));
    }, reviewsPosition);
    const attach = createEvidenceAttach(shown, (position) => void afterWrite(id, position, 'evidence.attached', false));
    return reviews || attach ? h('div', {}, actions, attach, reviews) : actions;
  }, minPosition);
  if (view && state.incident === id) selection.setLatLng([view.details.location.lat, view.details.location.lon]).addTo(map);
  return view;
}

function openForm(mode: ReportMode) {
  const form = createReportForm({
    map,
    places,
    actors,
    mode,
    // The map follows the outbox (below); the panel reads the incident back at its position.
    onDone: (position, id) => void afterWrite(id, position, mode.kind === 'report' ? 'form.reported' : 'form.amended', false),
    onSaved: () => {
      closeSheet();
      toast(t(session() ? 'outbox.saved' : 'outbox.savedSignIn'));
    },
    onCancel: () => (mode.kind === 'amend' ? void openIncident(mode.view.id) : closeSheet()),
    onReload: (id) => void openIncident(id),
  });
  selection.remove();
  sheet.open(form.element, 'form', form.destroy);
  form.element.querySelector<HTMLElement>('input, select')?.focus();
}
$('report').addEventListener('click', () => openForm({ kind: 'report' }));

// The review screen: violations by group; a cell restricts the map to its incidents.
$('open-reviews').hidden = !can('reviews:read');
$('open-reviews').addEventListener('click', () => {
  selection.remove();
  sheet.open(createReviewScreen({ onCell: (ids, caption) => void showOnly(ids, caption) }), 'review');
});

// The timeline: its own markers, revealed in occurred-time order, instead of the incidents layer.
$('open-timeline').hidden = !can('timeline:read');
$('open-timeline').addEventListener('click', () => {
  selection.remove();
  incidents.suspend();
  const timelineChart = createIncidentChart(setPeriod);
  const timeline = createTimeline(map, { onSelect: (id) => void openIncident(id), statusLine: $('map-status'), panel: $('sheet'), chart: timelineChart.element });
  sheet.open(timeline.element, 'timeline', () => {
    timeline.destroy();
    timelineChart.destroy();
    incidents.resume();
  });
  void timelineChart.update(filterParams(state.filters));
});
// The import screen: administrators upload ACLED or UCDP files and review provisional actors.
$('open-import').hidden = !can('imports:run');
$('open-import').addEventListener('click', () => {
  selection.remove();
  // The map shows what the import appended once its projection has it.
  const screen = createImportScreen({ onImported: (position) => void incidents.reload(position) });
  sheet.open(screen.element, 'import', screen.destroy);
});
const onlyBanner = $('only-banner');
async function showOnly(ids: string[], caption: string) {
  const located = await Promise.allSettled(ids.map((id) => api.incident(id)));
  const points = located.flatMap((r) => (r.status === 'fulfilled' ? [L.latLng(r.value.details.location.lat, r.value.details.location.lon)] : []));
  incidents.setOnly(ids);
  $('only-text').textContent = t('review.only', { count: ids.length, caption });
  onlyBanner.hidden = false;
  if (points.length) map.fitBounds(L.latLngBounds(points).pad(0.3), { maxZoom: 12 });
}
$('only-clear').addEventListener('click', () => {
  onlyBanner.hidden = true;
  incidents.setOnly(null);
});

/** Read your own writes: the map and the panel wait for the position the write returned. */
async function afterWrite(id: string, position: string, message: MessageKey, reloadMap: boolean) {
  const [view] = await Promise.all([openIncident(id, position), reloadMap && incidents.reload(position)]);
  if (view) {
    const where = L.latLng(view.details.location.lat, view.details.location.lon);
    if (!map.getBounds().contains(where)) map.panTo(where);
  }
  toast(t(message));
}

let toastTimer: number | undefined;
function toast(text: string) {
  const element = $('toast');
  element.textContent = text;
  element.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = window.setTimeout(() => (element.hidden = true), 5000);
}

watchReadSide($('read-side-banner'));

// The outbox: its indicator, its panel, and the map redrawn when an item reaches the record.
const indicator = $('outbox-status');
indicator.hidden = false;
showOutboxIndicator(indicator);
indicator.addEventListener('click', () => {
  if (navigator.onLine && !session()) return location.reload(); // to the sign-in screen
  selection.remove();
  const panel = createOutboxPanel({ onFix: fix, onShow: (id) => void openIncident(id) });
  sheet.open(panel.element, 'outbox', panel.destroy);
});

async function fix(item: SavedItem) {
  if (item.kind === 'report') return openForm({ kind: 'report', draft: item });
  const view = await api.incident(item.incidentId).catch(() => undefined);
  if (view) openForm({ kind: 'amend', view, draft: item });
}

let recorded: Set<number> | null = null;
async function followRecorded() {
  const now = (await outboxItems()).filter((item) => item.state === 'recorded');
  const fresh = recorded ? now.filter((item) => !recorded!.has(item.seq)) : [];
  recorded = new Set(now.map((item) => item.seq));
  if (fresh.length) void incidents.reload(fresh.at(-1)!.position);
}
onOutboxChange(() => void followRecorded());
void followRecorded();
startSending();

void incidents.setFilters(state.filters);
if (state.incident) void openIncident(state.incident);
sync();
