import L from 'leaflet';
import { actorName, loadActorNames } from './actor-names.js';
import { api, type TimelineEntry } from './api.js';
import { h, replaceChildren } from './dom.js';
import { formatNumber, formatOccurred, formatTimestamp, label, t, tPlural, type MessageKey } from './i18n/index.js';
import { typeSymbol } from './symbols.js';

/** Named reference events to anchor a timeline on (the dates the mechanism keeps coming back to). */
const REFERENCE_EVENTS: { id: string; key: MessageKey; around: string }[] = [
  { id: 'kidal-2014-05-17', key: 'timeline.ref.kidal', around: '2014-05-17' },
  { id: 'kidal-ceasefire-2014-05-23', key: 'timeline.ref.kidalCeasefire', around: '2014-05-23' },
  { id: 'algiers-2015-06-20', key: 'timeline.ref.algiers', around: '2015-06-20' },
];
const WINDOWS = ['P1D', 'P3D', 'P7D', 'P14D', 'P30D'] as const;
const SPEEDS = [1, 2, 4, 8] as const;
const MAX_PAGES = 20;

export interface TimelineOptions {
  onSelect: (incidentId: string) => void;
  /** The map's counter: while the timeline plays it counts the incidents it has shown. */
  statusLine: HTMLElement;
  /** The panel over the map: the window's incidents are fitted into the space it leaves free. */
  panel: HTMLElement;
  /** The chart of incidents over time, shown above the entries. */
  chart: HTMLElement;
}

/**
 * The padding that keeps fitted bounds out from under the panel: on its left when it stands at
 * the right (a wide screen), above it when it is a bottom sheet (a phone).
 */
export function panelPadding(map: L.Map, panel: HTMLElement): { paddingTopLeft: L.PointTuple; paddingBottomRight: L.PointTuple } {
  const margin = 24;
  const area = map.getContainer().getBoundingClientRect();
  const sheet = panel.getBoundingClientRect();
  if (panel.hidden || !sheet.width) return { paddingTopLeft: [margin, margin], paddingBottomRight: [margin, margin] };
  const atBottom = sheet.width >= area.width - 1;
  return atBottom
    ? { paddingTopLeft: [margin, margin], paddingBottomRight: [margin, Math.max(margin, area.bottom - sheet.top + margin)] }
    : { paddingTopLeft: [margin, margin], paddingBottomRight: [Math.max(margin, area.right - sheet.left + margin), margin] };
}

/**
 * The timeline screen (issue 6): entries around an anchor, and a player that reveals their
 * incidents on the map in occurred-time order, the current one highlighted. Returns the screen
 * and a disposer.
 */
export function createTimeline(map: L.Map, { onSelect, statusLine, panel, chart }: TimelineOptions): { element: HTMLElement; destroy: () => void } {
  const layer = L.layerGroup().addTo(map);
  const anchor = h('select', { id: 'timeline-anchor', name: 'anchor' },
    ...REFERENCE_EVENTS.map((r) => h('option', { value: r.id, 'data-i18n': r.key })),
    h('option', { value: 'date', 'data-i18n': 'timeline.anchorDate' }),
    h('option', { value: 'incident', 'data-i18n': 'timeline.anchorIncident' }));
  const date = h('input', { id: 'timeline-date', name: 'date', type: 'date' });
  const incident = h('input', { id: 'timeline-incident', name: 'incident', type: 'text', spellcheck: 'false', autocomplete: 'off' });
  const windowSelect = h('select', { id: 'timeline-window', name: 'window' }, ...WINDOWS.map((w) => h('option', { value: w, selected: w === 'P7D', 'data-i18n': `timeline.window.${w}` })));
  const asOf = h('input', { id: 'timeline-asof', name: 'asOf', type: 'date' });
  const play = h('button', { type: 'button', id: 'timeline-play', class: 'primary', 'data-i18n': 'timeline.play' });
  const step = h('button', { type: 'button', id: 'timeline-step', class: 'secondary', 'data-i18n': 'timeline.step' });
  const reset = h('button', { type: 'button', id: 'timeline-reset', class: 'secondary', 'data-i18n': 'timeline.reset' });
  const speed = h('select', { id: 'timeline-speed', name: 'speed', 'data-i18n-aria-label': 'timeline.speed' }, ...SPEEDS.map((s) => h('option', { value: s }, `×${s}`)));
  const status = h('p', { class: 'form-status', 'aria-live': 'polite' });
  const list = h('ol', { class: 'timeline-entries' });
  const field = (key: MessageKey, control: HTMLElement) => h('div', { class: 'field' }, h('label', { for: control.id, 'data-i18n': key }), control);
  const dateField = field('timeline.date', date);
  const incidentField = field('timeline.incident', incident);
  const element = h('section', { class: 'timeline-screen' },
    h('h2', { 'data-i18n': 'timeline.title' }),
    field('timeline.anchor', anchor), dateField, incidentField,
    h('div', { class: 'row' }, field('timeline.windowLabel', windowSelect), field('timeline.asOf', asOf)),
    h('p', { class: 'hint', 'data-i18n': 'timeline.asOfHint' }),
    h('div', { class: 'row player' }, play, step, reset, speed),
    chart, status, list);

  let entries: TimelineEntry[] = [];
  let next = 0;
  let timer: number | undefined;
  const shown = new Set<string>();
  const markers = new Map<string, HTMLElement>();
  const incidentCount = () => new Set(entries.map((e) => e.incidentId)).size;
  const count = () => {
    statusLine.textContent = t('timeline.shown', { shown: shown.size, total: incidentCount() });
    element.dataset.shown = String(shown.size);
  };

  const around = () => {
    if (anchor.value === 'date') return date.value;
    if (anchor.value === 'incident') return incident.value.trim();
    return REFERENCE_EVENTS.find((r) => r.id === anchor.value)?.around ?? '';
  };
  const syncAnchor = () => {
    dateField.hidden = anchor.value !== 'date';
    incidentField.hidden = anchor.value !== 'incident';
  };

  const pause = () => {
    clearInterval(timer);
    timer = undefined;
    play.dataset.i18n = 'timeline.play';
    play.textContent = t('timeline.play');
  };
  const rewind = () => {
    pause();
    next = 0;
    shown.clear();
    layer.clearLayers();
    markers.clear();
    list.querySelectorAll('li').forEach((li) => li.classList.remove('revealed', 'current'));
    element.dataset.revealed = '0';
    count();
  };

  /** Reveals the next entry: its incident appears on the map (once) and is highlighted, its row is marked. */
  const advance = (): boolean => {
    if (next >= entries.length) return false;
    const entry = entries[next];
    const row = list.children[next] as HTMLElement | undefined;
    list.querySelector('li.current')?.classList.remove('current');
    row?.classList.add('revealed', 'current');
    row?.scrollIntoView({ block: 'nearest' });
    if (!shown.has(entry.incidentId)) {
      shown.add(entry.incidentId);
      const html = h('span', { class: 'timeline-marker', 'data-incident-id': entry.incidentId, 'data-occurred': entry.occurredAt, 'data-order': shown.size },
        typeSymbol(entry.type, { retracted: entry.status === 'retracted' }));
      const marker = L.marker([entry.lat, entry.lon], { icon: L.divIcon({ html, className: 'incident-marker', iconSize: [20, 20] }), title: `${formatOccurred(entry.occurredAt)} — ${entry.place}`, keyboard: true });
      marker.on('click', () => onSelect(entry.incidentId));
      layer.addLayer(marker);
      markers.set(entry.incidentId, html);
    }
    for (const [id, html] of markers) html.classList.toggle('current', id === entry.incidentId);
    (markers.get(entry.incidentId)?.parentElement as HTMLElement | undefined)?.style.setProperty('z-index', '10000');
    next++;
    element.dataset.revealed = String(next);
    element.dataset.current = entry.incidentId;
    count();
    return true;
  };
  const start = () => {
    if (next >= entries.length) rewind();
    play.dataset.i18n = 'timeline.pause';
    play.textContent = t('timeline.pause');
    timer = window.setInterval(() => {
      if (!advance()) pause();
    }, 1000 / Number(speed.value));
  };
  play.addEventListener('click', () => (timer === undefined ? start() : pause()));
  step.addEventListener('click', () => {
    pause();
    advance();
  });
  reset.addEventListener('click', rewind);
  speed.addEventListener('change', () => {
    if (timer !== undefined) {
      pause();
      start();
    }
  });

  let request = 0;
  const load = async () => {
    const anchorValue = around();
    rewind();
    replaceChildren(list);
    entries = [];
    if (!anchorValue) return;
    const mine = ++request;
    element.dataset.state = 'loading';
    status.textContent = t('timeline.loading');
    const query = new URLSearchParams({ around: anchorValue, before: windowSelect.value, after: windowSelect.value });
    if (asOf.value) query.set('asOf', asOf.value);
    try {
      const names = loadActorNames();
      let all: TimelineEntry[] = [];
      for (let page = 0; page < MAX_PAGES; page++) {
        const answer = await api.timeline(query);
        all = all.concat(answer.entries);
        if (!answer.nextCursor) break;
        query.set('cursor', answer.nextCursor);
      }
      await names;
      if (mine !== request) return;
      // Occurred-time order (then recorded): the order events happened on the ground.
      entries = all.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.recordedAt.localeCompare(b.recordedAt));
      status.textContent = entries.length ? t('timeline.count', { count: entries.length }) : t('timeline.empty');
      replaceChildren(list, ...entries.map(renderEntry));
      count();
      const points = entries.map((e) => L.latLng(e.lat, e.lon));
      // Where the panel leaves the map free (it covers the right of a wide screen).
      if (points.length) map.fitBounds(L.latLngBounds(points), { ...panelPadding(map, panel), maxZoom: 10 });
      element.dataset.state = 'ready';
    } catch (error) {
      if (mine !== request) return;
      status.textContent = t('timeline.loadError');
      element.dataset.state = 'error';
      console.warn('timeline:', error);
    }
  };
  const renderEntry = (entry: TimelineEntry) => {
    const changed = entry.changedSince ?? [];
    return h('li', { class: changed.length ? 'changed' : '', 'data-incident-id': entry.incidentId, 'data-kind': entry.kind },
      h('button', { type: 'button', class: 'link', onclick: () => onSelect(entry.incidentId) },
        h('time', { datetime: entry.occurredAt }, formatOccurred(entry.occurredAt)), ` — ${label('type', entry.type)} — ${entry.place}`),
      h('p', { class: 'entry-facts' },
        h('span', { class: 'killed', 'data-killed': entry.fatalities }, tPlural('timeline.killed', entry.fatalities, { killed: formatNumber(entry.fatalities) })),
        entry.actors.length ? ` — ${entry.actors.map((a) => actorName(a.actorId)).join(', ')}` : ''),
      h('p', { class: 'summary' }, entry.summary.text),
      h('p', { class: 'hint' }, t('timeline.recorded', { user: entry.recordedBy, date: formatTimestamp(entry.recordedAt) })),
      changed.length ? h('p', { class: 'changed-since' }, t('timeline.changedSince', { fields: changed.join(', ') })) : null);
  };
  [anchor, date, incident, windowSelect, asOf].forEach((control) => control.addEventListener('change', () => void load()));
  anchor.addEventListener('change', syncAnchor);
  syncAnchor();
  void load();
  return {
    element,
    destroy: () => {
      pause();
      layer.remove();
    },
  };
}
