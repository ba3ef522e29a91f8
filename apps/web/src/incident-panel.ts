import { actorName, isProvisional, loadActorNames } from './actor-names.js';
import { api, type IncidentView } from './api.js';
import { h, replaceChildren, type Child } from './dom.js';
import { foldHistory, type FieldChange, type HistoryEntry } from './history.js';
import { formatNumber, formatOccurred, formatTimestamp, label, onLanguageChange, t, type MessageKey, type Vocabulary } from './i18n/index.js';
import { typeSymbol } from './symbols.js';
import { fileSize, renderEvidence } from './evidence.js';

/** A row of a definition list; data is always passed as text. */
const item = (key: MessageKey, ...value: Child[]) => [h('dt', { 'data-i18n': key }), h('dd', {}, ...value)];
const list = (items: Child[]) => (items.length ? h('ul', {}, ...items.map((i) => h('li', {}, i))) : t('panel.none'));

/** Everything recorded about the incident, translated. */
export function renderDetails(view: IncidentView): HTMLElement {
  const d = view.details;
  return h('div', { class: 'incident-details' },
    h('h2', { class: 'incident-title' }, typeSymbol(d.type, { retracted: view.status === 'retracted' }), ' ', label('type', d.type)),
    h('p', { class: 'badges' },
      h('span', { class: `badge status-${view.status}` }, label('status', view.status)), ' ',
      h('span', { class: `badge verification-${view.verification}` }, label('verification', view.verification))),
    view.retraction
      ? h('p', { class: 'retraction', role: 'note' }, t('panel.retracted', { reason: label('retractionReason', view.retraction.reason) }),
          view.retraction.duplicateOf ? ` — ${t('panel.duplicateOf', { id: view.retraction.duplicateOf })}` : '',
          view.retraction.note ? ` — ${view.retraction.note}` : '')
      : null,
    h('dl', {},
      ...item('field.subType', label('subType', d.subType)),
      ...item('field.occurredAt', formatOccurred(d.occurredAt)),
      ...item('field.timePrecision', label('timePrecision', d.timePrecision)),
      ...item('field.location.place', `${d.location.place} (${d.location.admin1})`),
      ...item('field.location', t('panel.coordinates', { lat: d.location.lat, lon: d.location.lon })),
      ...item('field.location.precision', label('geoPrecision', d.location.precision)),
      ...item('field.targets', list(d.targets.map((target) => label('target', target)))),
      ...item('field.actors', list(d.actors.map((a) => h('span', { class: 'actor', 'data-actor-id': a.actorId }, `${actorName(a.actorId)} — ${label('role', a.role)}`,
        isProvisional(a.actorId) ? h('span', { class: 'badge provisional', 'data-i18n': 'actors.provisional' }) : null)))),
      ...item('field.harm.killed', figure(d.harm.killed)),
      ...item('field.harm.injured', figure(d.harm.injured)),
      ...item('field.harm.abducted', figure(d.harm.abducted)),
      ...(d.externalRefs?.length ? item('field.externalRefs', list(d.externalRefs.map((r) => `${r.dataset.toUpperCase()} ${r.id} (${r.version})`))) : [])),
    h('h3', { 'data-i18n': 'field.description' }),
    h('p', { class: 'description' }, d.description),
    h('h3', { 'data-i18n': 'panel.sources' }),
    list(d.sources.map((s) => h('span', {}, h('strong', {}, label('sourceKind', s.kind)), ` — ${s.reference} — ${label('reliability', s.reliability)}`,
      s.confidential ? h('span', { class: 'badge confidential' }, t('panel.confidential')) : null,
      s.erased ? h('span', { class: 'badge erased' }, t('panel.erased')) : null))),
    renderEvidence(view),
    h('h3', { 'data-i18n': 'panel.record' }),
    h('p', { class: 'record' },
      t('panel.reported', { user: view.reportedBy, date: formatTimestamp(view.reportedAt) }), h('br'),
      t('panel.lastChanged', { user: view.lastChangedBy, date: formatTimestamp(view.lastChangedAt) }), h('br'),
      t('panel.version', { version: view.version }), h('br'),
      h('code', { class: 'incident-id' }, view.id)),
  );
}

const VOCABULARY_OF: Record<string, Vocabulary> = { type: 'type', subType: 'subType', timePrecision: 'timePrecision', 'location.precision': 'geoPrecision' };

/** A field's value as a reader wants it: labels, not codes. */
export function formatValue(field: string, value: unknown): string {
  if (value === undefined || value === null || value === '') return t('history.empty');
  if (VOCABULARY_OF[field]) return label(VOCABULARY_OF[field], String(value));
  if (field === 'occurredAt') return formatOccurred(String(value));
  if (!Array.isArray(value)) return typeof value === 'number' ? formatNumber(value) : String(value);
  if (!value.length) return t('panel.none');
  if (field === 'targets') return value.map((v) => label('target', String(v))).join(', ');
  if (field === 'actors') return value.map((a: { actorId: string; role: string }) => `${actorName(a.actorId)} (${label('role', a.role)})`).join(', ');
  if (field === 'sources') {
    return value.map((s: { kind: string; reference: string; reliability: string; confidential: boolean }) =>
      `${label('sourceKind', s.kind)}: ${s.reference} (${label('reliability', s.reliability)}${s.confidential ? `, ${t('panel.confidential')}` : ''})`).join('; ');
  }
  return value.map(String).join(', ');
}

const fieldLabel = (field: string) => {
  const key = `field.${field}` as MessageKey;
  const text = t(key);
  return text === key ? field : text;
};

const change = ({ field, before, after }: FieldChange) =>
  h('li', { class: 'change' }, h('span', { class: 'field-name' }, `${fieldLabel(field)}: `), h('del', {}, formatValue(field, before)), ' → ', h('ins', {}, formatValue(field, after)));

/** Who changed what, when and why, newest first. */
export function renderHistory(entries: HistoryEntry[]): HTMLElement {
  return h('ol', { class: 'history', reversed: true },
    ...[...entries].reverse().map((entry) => {
      const who = { user: entry.by };
      const head = h('p', {}, h('time', { datetime: entry.at }, formatTimestamp(entry.at)), ' ', h('span', { class: 'version' }, t('history.version', { version: entry.version })));
      switch (entry.kind) {
        case 'reported':
          return h('li', {}, head, h('p', {}, t('history.reported', who)));
        case 'amended':
          return h('li', {}, head, h('p', {}, t('history.amended', who)), h('ul', { class: 'changes' }, ...entry.changes.map(change)),
            entry.reason ? h('p', { class: 'why' }, t('history.why', { reason: entry.reason })) : null);
        case 'verification':
          return h('li', {}, head, h('p', {}, t('history.verification', { ...who, from: label('verification', entry.from), to: label('verification', entry.to) })),
            entry.note ? h('p', { class: 'why' }, t('history.note', { note: entry.note })) : null);
        case 'retracted':
          return h('li', {}, head, h('p', {}, t('history.retracted', { ...who, reason: label('retractionReason', entry.reason) })),
            entry.duplicateOf ? h('p', {}, t('panel.duplicateOf', { id: entry.duplicateOf })) : null,
            entry.note ? h('p', { class: 'why' }, t('history.note', { note: entry.note })) : null);
        case 'sourceErased':
          return h('li', {}, head, h('p', {}, t('history.sourceErased', { ...who, source: entry.sourceId })));
        case 'evidenceAttached':
          return h('li', { 'data-evidence-id': entry.evidenceId }, head,
            h('p', {}, t('history.evidenceAttached', { ...who, mediaType: entry.mediaType, size: fileSize(entry.size) })),
            entry.caption ? h('p', { class: 'why' }, entry.caption) : null,
            h('p', {}, h('code', { class: 'evidence-sha256' }, t('evidence.fingerprint', { sha256: entry.sha256 }))));
        case 'evidenceErased':
          return h('li', { 'data-evidence-id': entry.evidenceId }, head, h('p', {}, t('history.evidenceErased', who)));
      }
    }));
}

/**
 * The incident panel: details, actions (given by the caller) and history. Details and history
 * are re-rendered on a language change; the action forms keep what was typed in them.
 */
export async function showIncident(container: HTMLElement, id: string, actions: (view: IncidentView) => HTMLElement, minPosition?: string): Promise<IncidentView | null> {
  const details = h('div', {}, h('p', { 'data-i18n': 'panel.loading' }));
  const history = h('section', { class: 'history-section' }, h('h3', { 'data-i18n': 'history.title' }), h('p', { 'data-i18n': 'history.loading' }));
  replaceChildren(container, details, history);
  const [view, events] = await Promise.allSettled([api.incident(id, minPosition), api.history(id), loadActorNames()]);
  if (view.status === 'rejected') {
    replaceChildren(details, h('p', { role: 'alert', 'data-i18n': 'panel.loadError' }));
    history.remove();
    return null;
  }
  const entries = events.status === 'fulfilled' ? foldHistory(events.value.events) : null;
  const render = () => {
    if (!details.isConnected) return stop();
    replaceChildren(details, renderDetails(view.value));
    replaceChildren(history, h('h3', { 'data-i18n': 'history.title' }), entries ? renderHistory(entries) : h('p', { role: 'alert', 'data-i18n': 'history.loadError' }));
  };
  const stop = onLanguageChange(render);
  render();
  details.after(actions(view.value));
  return view.value;
}

/** A casualty figure, or "no figure" where the source gives none (not 0). */
const figure = (n: number | null) => (n === null ? t('panel.noFigure') : formatNumber(n));
