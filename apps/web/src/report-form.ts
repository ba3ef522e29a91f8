import L from 'leaflet';
import type { IncidentDetails } from '../../../libs/domain/src/incident/incident.js';
import {
  ACTOR_ROLES,
  GEO_PRECISIONS,
  INCIDENT_TYPES,
  SOURCE_KINDS,
  SIDES,
  SOURCE_RELIABILITIES,
  TARGETS,
  TIME_PRECISIONS,
  type IncidentType,
} from '../../../libs/domain/src/incident/incident.taxonomy.js';
import { ApiError, ConflictError, uuid, type IncidentView, type Place } from './api.js';
import { createActorPicker, pickedActorId } from './actor-picker.js';
import type { ActorName } from './actor-search.js';
import { createEvidenceFields, sendEvidenceAfter } from './evidence.js';
import { h, replaceChildren } from './dom.js';
import { clearErrors, fieldNotes, showFailure, showFieldErrors } from './form-feedback.js';
import { t, type MessageKey, type Vocabulary } from './i18n/index.js';
import { isWaiting, outboxItem, saveItem, sendOutbox, type SavedItem } from './outbox.js';
import { user } from './session.js';

/** `draft`: an outbox item being fixed after the server refused it. */
export type ReportMode =
  | { kind: 'report'; draft?: SavedItem & { kind: 'report' } }
  | { kind: 'amend'; view: IncidentView; draft?: SavedItem & { kind: 'amendment' } };

export interface ReportFormOptions {
  map: L.Map;
  places: Place[];
  /** Registered actors; one registered from the form is added to it. */
  actors: ActorName[];
  mode: ReportMode;
  /** On the record: the server's position, to read it back. */
  onDone: (position: string, incidentId: string) => void;
  /** Kept in the outbox, to be sent when the connection (or the sign-in) returns. */
  onSaved: () => void;
  onCancel: () => void;
  /** After a 409: show the incident again, at its latest version. */
  onReload: (incidentId: string) => void;
}

const options = (vocabulary: Vocabulary, codes: readonly string[], selected: string, placeholder = false) => [
  ...(placeholder ? [h('option', { value: '', 'data-i18n': 'form.choose' })] : []),
  ...codes.map((code) => h('option', { value: code, selected: code === selected, 'data-label': `${vocabulary}:${code}` })),
];

/** A labelled input with its hint and the line where its errors appear. `name` is the API's path. */
function field(name: string, labelKey: MessageKey, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, hint?: MessageKey) {
  const notes = fieldNotes(name, hint);
  control.name = name;
  control.dataset.field = name;
  control.id = `input-${name.replace(/[^\w-]/g, '-')}`;
  if (notes.ids) control.setAttribute('aria-describedby', notes.ids);
  return h('div', { class: 'field' }, h('label', { for: control.id, 'data-i18n': labelKey }), control, ...notes.nodes);
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Report a new incident, or amend one: the same fields either way. The location comes from a
 * click on the map, typed coordinates, or a gazetteer place. Client checks cover what a monitor
 * can fix at once without a connection; the server's rules decide the rest and its messages
 * are shown beside the fields they name.
 */
export function createReportForm({ map, places, actors, mode, onDone, onSaved, onCancel, onReload }: ReportFormOptions): { element: HTMLElement; destroy: () => void } {
  const original: Partial<IncidentDetails> = mode.kind === 'amend' ? mode.view.details : {};
  const d: Partial<IncidentDetails> = mode.kind === 'amend' ? { ...original, ...mode.draft?.body.changes } : (mode.draft?.body ?? {});
  // A client-made id: however often it is sent, the report names one incident.
  const draftId = mode.kind === 'report' && mode.draft ? mode.draft.body.id : uuid();
  let item: SavedItem | undefined = mode.draft;

  const input = (attributes: Record<string, string | number | boolean | undefined>) => h('input', attributes);
  const lat = input({ type: 'number', step: 'any', min: -90, max: 90, inputmode: 'decimal', value: d.location?.lat });
  const lon = input({ type: 'number', step: 'any', min: -180, max: 180, inputmode: 'decimal', value: d.location?.lon });
  const place = input({ type: 'text', value: d.location?.place, autocomplete: 'off' });
  const admin1 = input({ type: 'text', value: d.location?.admin1, list: 'regions', autocomplete: 'off' });
  const gazetteer = input({ type: 'search', list: 'places', autocomplete: 'off', id: 'gazetteer' });
  const type = h('select', {}, ...options('type', Object.keys(INCIDENT_TYPES), d.type ?? '', true));
  const subType = h('select', {});
  const actorRows = h('div', { class: 'rows' });
  const sourceRows = h('div', { class: 'rows' });
  const status = h('p', { class: 'form-status', 'aria-live': 'polite' });
  const reason = h('textarea', { rows: 2 }, mode.kind === 'amend' ? mode.draft?.body.reason : undefined);

  const renderSubTypes = (selected: string) =>
    replaceChildren(subType, ...options('subType', type.value ? INCIDENT_TYPES[type.value as IncidentType] : [], selected, true));
  renderSubTypes(d.subType ?? '');
  type.addEventListener('change', () => renderSubTypes(subType.value));

  const actorRow = (actor: { actorId: string; role: string; with?: string } = { actorId: '', role: 'perpetrator' }) => {
    const i = actorRows.children.length;
    const role = h('select', {}, ...options('role', ACTOR_ROLES, actor.role));
    // An associated actor stands with one of the main sides (ACLED's assoc_actor_1/2).
    const side = field(`actors[${i}].with`, 'field.with', h('select', {}, ...options('role', SIDES, actor.with ?? 'side_a')));
    const showSide = () => (side.hidden = role.value !== 'associated');
    role.addEventListener('change', showSide);
    showSide();
    const row = h('div', { class: 'row actor' },
      field(`actors[${i}].actorId`, 'field.actorId', createActorPicker({ actors: () => actors, selected: actor.actorId || undefined, onRegistered: (a) => actors.push(a) })),
      field(`actors[${i}].role`, 'field.role', role),
      side,
      h('button', { type: 'button', class: 'secondary remove', 'data-i18n': 'form.remove', onclick: () => removeRow(row, 'actors') }),
      ...fieldNotes(`actors[${i}]`).nodes);
    actorRows.append(row);
  };
  const sourceRow = (source: { id: string; kind: string; reference: string; reliability: string; confidential: boolean; erased?: boolean } = { id: '', kind: 'monitor', reference: '', reliability: 'unconfirmed', confidential: false }) => {
    const i = sourceRows.children.length;
    const row = h('div', { class: 'row source', 'data-source-id': source.id },
      field(`sources[${i}].kind`, 'field.sourceKind', h('select', {}, ...options('sourceKind', SOURCE_KINDS, source.kind))),
      // An erased source's id never names a reference again: its placeholder is not editable.
      field(`sources[${i}].reference`, 'field.reference', input({ type: 'text', value: source.reference, autocomplete: 'off', readonly: source.erased })),
      field(`sources[${i}].reliability`, 'field.reliability', h('select', {}, ...options('reliability', SOURCE_RELIABILITIES, source.reliability))),
      h('label', { class: 'check' }, input({ type: 'checkbox', name: `sources[${i}].confidential`, checked: source.confidential }), h('span', { 'data-i18n': 'field.confidential' })),
      h('button', { type: 'button', class: 'secondary remove', 'data-i18n': 'form.remove', onclick: () => removeRow(row, 'sources') }),
      ...fieldNotes(`sources[${i}]`).nodes);
    sourceRows.append(row);
  };
  (d.actors ?? []).forEach(actorRow);
  (d.sources ?? []).forEach(sourceRow);

  const targetBoxes = TARGETS.map((target) =>
    h('label', { class: 'check' }, input({ type: 'checkbox', name: 'targets', value: target, checked: d.targets?.includes(target) }), h('span', { 'data-label': `target:${target}` })));

  // Files wait in the outbox with their report or amendment and go once it is on the record.
  const evidence = createEvidenceFields();
  const form = h('form', { class: 'report-form', novalidate: true, 'aria-labelledby': 'report-title' },
    h('h2', { id: 'report-title', 'data-i18n': mode.kind === 'report' ? 'form.report' : 'form.amend' }),
    h('fieldset', {}, h('legend', { 'data-i18n': 'panel.when' }),
      field('occurredAt', 'field.occurredAt', input({ type: 'date', value: d.occurredAt?.slice(0, 10) ?? today(), max: today() }), 'hint.occurredAt'),
      field('timePrecision', 'field.timePrecision', h('select', {}, ...options('timePrecision', TIME_PRECISIONS, d.timePrecision ?? 'day')), 'hint.timePrecision')),
    h('fieldset', {}, h('legend', { 'data-i18n': 'field.location' }),
      h('p', { class: 'hint', 'data-i18n': 'form.locationHint' }),
      h('div', { class: 'field' }, h('label', { for: 'gazetteer', 'data-i18n': 'form.gazetteer' }), gazetteer, h('p', { class: 'hint', 'data-i18n': 'form.gazetteerHint' })),
      // On a phone the form covers the map: this button folds it away until the map is clicked.
      h('button', { type: 'button', class: 'secondary pick-on-map', 'data-i18n': 'form.pickOnMap', onclick: () => document.body.classList.add('picking') }),
      h('div', { class: 'row' }, field('location.lat', 'field.location.lat', lat, 'hint.lat'), field('location.lon', 'field.location.lon', lon, 'hint.lon')),
      h('div', { class: 'row' }, field('location.place', 'field.location.place', place), field('location.admin1', 'field.location.admin1', admin1)),
      field('location.precision', 'field.location.precision', h('select', {}, ...options('geoPrecision', GEO_PRECISIONS, d.location?.precision ?? 'exact'))),
      h('datalist', { id: 'places' }, ...places.map((p) => h('option', { value: p.name }, p.admin1))),
      h('datalist', { id: 'regions' }, ...[...new Set(places.map((p) => p.admin1))].sort().map((r) => h('option', { value: r })))),
    h('fieldset', {}, h('legend', { 'data-i18n': 'panel.what' }),
      field('type', 'field.type', type),
      field('subType', 'field.subType', subType),
      field('description', 'field.description', h('textarea', { rows: 4 }, d.description ?? ''), 'hint.description')),
    h('fieldset', {}, h('legend', { 'data-i18n': 'panel.who' }),
      h('div', { class: 'field' }, h('span', { class: 'label', 'data-i18n': 'field.targets' }), h('div', { class: 'choices', 'data-field': 'targets' }, ...targetBoxes), ...fieldNotes('targets', 'hint.targets').nodes),
      h('div', { class: 'field' }, h('span', { class: 'label', 'data-i18n': 'field.actors' }), actorRows, ...fieldNotes('actors', 'hint.actors').nodes,
        h('button', { type: 'button', class: 'secondary', 'data-i18n': 'form.addActor', onclick: () => actorRow() }))),
    h('fieldset', {}, h('legend', { 'data-i18n': 'field.harm' }),
      h('p', { class: 'hint', 'data-i18n': 'hint.harm' }),
      h('div', { class: 'row' }, ...(['killed', 'injured', 'abducted'] as const).map((k) =>
        field(`harm.${k}`, `field.harm.${k}`, input({ type: 'number', min: 0, step: 1, inputmode: 'numeric', value: d.harm?.[k] ?? 0 }))))),
    h('fieldset', {}, h('legend', { 'data-i18n': 'field.sources' }),
      h('p', { class: 'hint', 'data-i18n': 'hint.sources' }), sourceRows, ...fieldNotes('sources').nodes,
      h('button', { type: 'button', class: 'secondary', 'data-i18n': 'form.addSource', onclick: () => sourceRow() })),
    mode.kind === 'amend' ? h('fieldset', {}, field('reason', 'form.reason', reason, 'form.reasonHint')) : null,
    evidence.element,
    status,
    h('div', { class: 'row actions' },
      h('button', { type: 'submit', class: 'primary', 'data-i18n': mode.kind === 'report' ? 'form.submitReport' : 'form.submitAmend' }),
      h('button', { type: 'button', class: 'secondary', 'data-i18n': 'form.cancel', onclick: onCancel })),
  );

  const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value.trim() ?? '';
  const number = (name: string) => (value(name) === '' ? NaN : Number(value(name)));

  // The location marker: follows clicks on the map, typed coordinates and gazetteer picks.
  const marker = L.marker([0, 0], { draggable: true, keyboard: false, icon: L.divIcon({ className: 'location-pin', iconSize: [18, 18] }) });
  const moveMarker = () => {
    const [la, lo] = [number('location.lat'), number('location.lon')];
    if (Number.isFinite(la) && Number.isFinite(lo) && Math.abs(la) <= 90 && Math.abs(lo) <= 180) marker.setLatLng([la, lo]).addTo(map);
  };
  const setLocation = (latlng: L.LatLng) => {
    lat.value = latlng.lat.toFixed(5);
    lon.value = latlng.lng.toFixed(5);
    moveMarker();
  };
  const onMapClick = (event: L.LeafletMouseEvent) => {
    setLocation(event.latlng);
    document.body.classList.remove('picking');
  };
  map.on('click', onMapClick);
  marker.on('dragend', () => setLocation(marker.getLatLng()));
  lat.addEventListener('change', moveMarker);
  lon.addEventListener('change', moveMarker);
  gazetteer.addEventListener('change', () => {
    const chosen = places.find((p) => p.name === gazetteer.value);
    if (!chosen) return;
    place.value = chosen.name;
    admin1.value = chosen.admin1;
    setLocation(L.latLng(chosen.lat, chosen.lon));
    map.setView([chosen.lat, chosen.lon], Math.max(map.getZoom(), 8));
  });
  moveMarker();
  if (mode.draft?.state === 'refused') showFailure(form, status, new ApiError(422, 'refused', mode.draft.message ?? '', mode.draft.fieldErrors), () => undefined);

  const collect = (): IncidentDetails => {
    const occurredAt = value('occurredAt');
    return {
      // An amended record keeps its time of day when the date itself is unchanged.
      occurredAt: original.occurredAt?.startsWith(occurredAt) ? original.occurredAt : occurredAt,
      timePrecision: value('timePrecision'),
      location: { lat: number('location.lat'), lon: number('location.lon'), place: value('location.place'), admin1: value('location.admin1'), precision: value('location.precision') },
      type: value('type'),
      subType: value('subType'),
      targets: [...form.querySelectorAll<HTMLInputElement>('input[name="targets"]:checked')].map((i) => i.value),
      actors: [...actorRows.children].map((row) => {
        const [role, side] = row.querySelectorAll('select');
        return { actorId: pickedActorId(row.querySelector<HTMLInputElement>('input')!, actors), role: role.value, ...(role.value === 'associated' ? { with: side.value } : {}) };
      }),
      harm: { killed: number('harm.killed'), injured: number('harm.injured'), abducted: number('harm.abducted') },
      description: value('description'),
      sources: [...sourceRows.children].map((row) => {
        const [kind, reliability] = row.querySelectorAll('select');
        const source = {
          kind: kind.value,
          reference: row.querySelector<HTMLInputElement>('input[type="text"]')!.value.trim(),
          reliability: reliability.value,
          confidential: row.querySelector<HTMLInputElement>('input[type="checkbox"]')!.checked,
        };
        const id = (row as HTMLElement).dataset.sourceId;
        return id ? { id, ...source } : source;
      }),
    } as IncidentDetails;
  };

  // The form as it opened: an amendment sends only the fields the user changed from it.
  const opened = collect();

  /** What a monitor can fix without the server, in their language. */
  const clientErrors = (details: IncidentDetails) => {
    const errors: { field: string; messages: string[] }[] = [];
    const required = (name: string, filled: unknown) => !filled && errors.push({ field: name, messages: [t('form.required')] });
    required('occurredAt', details.occurredAt);
    for (const [name, v, limit] of [['location.lat', details.location.lat, 90], ['location.lon', details.location.lon, 180]] as const) {
      if (Number.isNaN(v)) required(name, '');
      else if (Math.abs(v) > limit) errors.push({ field: name, messages: [t('form.range', { min: -limit, max: limit })] });
    }
    required('location.place', details.location.place);
    required('location.admin1', details.location.admin1);
    required('type', details.type);
    required('subType', details.subType);
    required('description', details.description);
    for (const k of ['killed', 'injured', 'abducted'] as const) {
      if (!Number.isInteger(details.harm[k]) || details.harm[k]! < 0) errors.push({ field: `harm.${k}`, messages: [t('form.count')] });
    }
    details.actors.forEach((a, i) => required(`actors[${i}].actorId`, a.actorId));
    // Offline with no list loaded, the server is left to say it.
    details.actors.forEach((a, i) => a.actorId && actors.length && !actors.some((known) => known.id === a.actorId) && errors.push({ field: `actors[${i}].actorId`, messages: [t('form.unknownActor')] }));
    details.sources.forEach((s, i) => required(`sources[${i}].reference`, s.reference));
    if (mode.kind === 'amend') required('reason', reason.value.trim());
    return errors;
  };

  let sending = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (sending) return;
    clearErrors(form);
    status.textContent = '';
    const details = collect();
    const problems = clientErrors(details);
    if (problems.length) {
      showFieldErrors(form, problems);
      status.textContent = t('form.fix');
      status.dataset.state = 'error';
      return;
    }
    const submit = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    sending = submit.disabled = true;
    status.textContent = t('form.sending');
    status.dataset.state = 'sending';
    try {
      // Saved on the device first: a closed page or a dropped link loses nothing.
      if (mode.kind === 'report') {
        item = await saveItem({ kind: 'report', body: { id: draftId, ...details } }, user()!.username, item, evidence.take());
      } else {
        const { view } = mode;
        const changes = Object.fromEntries(Object.entries(details).filter(([k, v]) => stableJson(v) !== stableJson(opened[k as keyof IncidentDetails])));
        if (!Object.keys(changes).length && evidence.chosen()) return await sendEvidenceAfter(evidence, view.id, status, (position) => position && onDone(position, view.id));
        if (!Object.keys(changes).length) {
          status.textContent = t('form.noChanges');
          status.dataset.state = 'error';
          return;
        }
        const body = { expectedVersion: view.version, changes, reason: reason.value.trim() };
        item = await saveItem({ kind: 'amendment', incidentId: view.id, body }, user()!.username, item, evidence.take());
      }
      await sendOutbox();
      const sent = (await outboxItem(item.seq)) ?? item;
      const refusedFiles = sent.files?.filter((file) => file.state === 'refused') ?? [];
      if (refusedFiles.length) {
        const failures = refusedFiles.map((file) => t('evidence.failed', { file: file.name, message: file.message ?? '' }));
        replaceChildren(status, h('span', { role: 'alert' }, t('evidence.recordedWithout', { failures: failures.join(' ') })));
        status.dataset.state = 'error';
      } else if (sent.state === 'recorded' && !isWaiting(sent)) onDone(sent.files?.at(-1)?.position ?? sent.position!, sent.incidentId);
      else if (sent.state === 'refused') showFailure(form, status, new ApiError(422, 'refused', sent.message ?? '', sent.fieldErrors), () => undefined);
      else if (sent.state === 'conflict') showFailure(form, status, new ConflictError(409, 'conflict', sent.message ?? ''), () => onReload(sent.incidentId));
      else onSaved();
    } catch (error) {
      showFailure(form, status, error, () => mode.kind === 'amend' && onReload(mode.view.id));
    } finally {
      sending = submit.disabled = false;
    }
  });

  return {
    element: form,
    destroy: () => {
      map.off('click', onMapClick);
      marker.remove();
      document.body.classList.remove('picking');
    },
  };
}

/** Rows after a removed one move up, so `actors[2]` becomes `actors[1]` as the server will count it. */
function removeRow(row: HTMLElement, list: 'actors' | 'sources'): void {
  const rows = row.parentElement!;
  row.remove();
  const numbered = new RegExp(`${list}(\\[|-)\\d+`, 'g');
  [...rows.children].forEach((r, i) =>
    r.querySelectorAll('*').forEach((element) => {
      for (const attribute of ['name', 'id', 'for', 'data-field', 'data-error-for', 'aria-describedby']) {
        const value = element.getAttribute(attribute);
        if (value) element.setAttribute(attribute, value.replace(numbered, `${list}$1${i}`));
      }
    }),
  );
}

/** JSON with sorted keys: the server may return a record's fields in another order. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}
