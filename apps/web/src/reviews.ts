import { api, idempotencyKeys, VIOLATION_COLUMNS, type Agreement, type Review, type ReviewHistoryEvent, type ViolationColumn, type ViolationsRow, type WriteResult } from './api.js';
import { h, replaceChildren, type Child } from './dom.js';
import { clearErrors, showFailure } from './form-feedback.js';
import { formatNumber, formatTimestamp, t, type MessageKey } from './i18n/index.js';
import { can } from './session.js';

let agreements: Promise<Agreement[]> | null = null;
const loadAgreements = () => (agreements ??= api.agreements().then((a) => a.agreements, (error) => ((agreements = null), Promise.reject(error))));
const agreementName = (list: Agreement[], id: string) => list.find((a) => a.id === id)?.name ?? id;

export interface ReviewScreenOptions {
  /** A cell was chosen: show these incidents on the map. */
  onCell: (incidentIds: string[], caption: string) => void;
}

/** Violations by group for one agreement and period, by actor or coalition (issue 5). */
export function createReviewScreen({ onCell }: ReviewScreenOptions): HTMLElement {
  const agreement = h('select', { id: 'review-agreement', name: 'agreement' }, h('option', { value: '', 'data-i18n': 'review.allAgreements' }));
  const from = h('input', { id: 'review-from', name: 'from', type: 'date' });
  const to = h('input', { id: 'review-to', name: 'to', type: 'date' });
  const rollup = h('select', { id: 'review-rollup', name: 'rollup' },
    h('option', { value: 'actor', 'data-i18n': 'review.byActor' }), h('option', { value: 'coalition', 'data-i18n': 'review.byCoalition' }));
  const status = h('p', { class: 'form-status', 'aria-live': 'polite' });
  const table = h('div', { class: 'review-table' });
  const print = h('button', { type: 'button', class: 'secondary', 'data-action': 'print-report', 'data-i18n': 'report.print', disabled: true, onclick: () => void printReport() });
  const field = (key: MessageKey, control: HTMLElement) => h('div', { class: 'field' }, h('label', { for: control.id, 'data-i18n': key }), control);
  const screen = h('section', { class: 'review-screen' },
    h('h2', { 'data-i18n': 'review.title' }),
    field('review.agreement', agreement),
    h('div', { class: 'row' }, field('review.from', from), field('review.to', to), field('review.rollup', rollup)),
    h('div', { class: 'row' }, print, h('p', { class: 'hint', 'data-i18n': 'report.printHint' })),
    status, table);

  const query = () => {
    const q = new URLSearchParams();
    if (agreement.value) q.set('agreement', agreement.value);
    if (from.value) q.set('from', from.value);
    if (to.value) q.set('to', to.value);
    q.set('rollup', rollup.value);
    return q;
  };
  let current = 0;
  const load = async () => {
    const request = ++current;
    const shown = query();
    status.textContent = t('review.loading');
    try {
      const { rows } = await api.violationsByGroup(shown);
      if (request !== current) return;
      status.textContent = rows.length ? '' : t('review.empty');
      replaceChildren(table, violationsTable(rows, (r, column) =>
        r[column] > 0
          ? h('button', { type: 'button', class: 'link cell', 'data-group': r.group, 'data-column': column, onclick: () => void openCell(r.group, r.groupKind, `${r.groupName} — ${t(`review.col.${column}`)}`, column) }, formatNumber(r[column]))
          : formatNumber(r[column])));
      table.dataset.state = 'ready';
      // Which question the rows answer: a reader (or a test) can tell a fresh table from the last.
      table.dataset.query = shown.toString();
    } catch (error) {
      if (request === current) status.textContent = t('review.loadError');
      console.warn('violations:', error);
    }
  };
  const openCell = async (group: string, groupKind: string, caption: string, column: ViolationColumn) => {
    const q = query();
    q.set('group', group);
    q.set('groupKind', groupKind);
    q.set('column', column);
    try {
      const { incidentIds } = await api.violationsCell(q);
      onCell(incidentIds, caption);
    } catch (error) {
      status.textContent = t('review.loadError');
      console.warn('cell:', error);
    }
  };
  // The paper is for one agreement: the table for all of them answers another question.
  const printReport = async () => {
    const chosen = (await loadAgreements()).find((a) => a.id === agreement.value);
    if (!chosen) return;
    status.textContent = t('report.preparing');
    try {
      const { printViolationsReport } = await import('./violations-report.js');
      await printViolationsReport(query(), chosen);
      status.textContent = '';
      window.print();
    } catch (error) {
      status.textContent = t('review.loadError');
      console.warn('report:', error);
    }
  };
  agreement.addEventListener('change', () => (print.disabled = !agreement.value));
  [agreement, from, to, rollup].forEach((control) => control.addEventListener('change', () => void load()));
  loadAgreements().then((list) => {
    agreement.append(...list.map((a) => h('option', { value: a.id }, a.name)));
  }, () => (status.textContent = t('review.loadError')));
  void load();
  return screen;
}

/** The by-group table, groups by name; `cell` shows a figure (on screen, a button to its incidents). */
export function violationsTable(rows: ViolationsRow[], cell: (row: ViolationsRow, column: ViolationColumn) => Child = (row, column) => formatNumber(row[column])): HTMLTableElement {
  const head = h('tr', {}, h('th', { scope: 'col', 'data-i18n': 'review.group' }), ...VIOLATION_COLUMNS.map((c) => h('th', { scope: 'col', 'data-i18n': `review.col.${c}` })));
  return h('table', {}, h('thead', {}, head),
    h('tbody', {}, ...rows.map((r) => h('tr', { 'data-group': r.group }, h('th', { scope: 'row' }, r.groupName), ...VIOLATION_COLUMNS.map((c) => h('td', { 'data-column': c }, cell(r, c)))))));
}

const parties = (text: string) => text.split(',').map((p) => p.trim()).filter(Boolean);
const OUTCOMES = ['violation', 'no_violation', 'inconclusive'] as const;

/** The reviews of one incident in its panel: history for readers, allege and finding forms for reviewers. */
export function createIncidentReviews(incidentId: string, onDone: (result: WriteResult, message: MessageKey) => void, minPosition?: string): HTMLElement | null {
  if (!can('reviews:read')) return null;
  const list = h('div', { class: 'review-list' }, h('p', { 'data-i18n': 'review.loading' }));
  const section = h('section', { class: 'incident-reviews' }, h('h3', { 'data-i18n': 'review.ofIncident' }), list);
  const render = (reviews: Review[], names: Agreement[]) => {
    replaceChildren(list, reviews.length ? h('ul', {}, ...reviews.map((r) => reviewItem(r, names, onDone))) : h('p', { 'data-i18n': 'review.none' }));
  };
  Promise.all([api.reviewsOf(incidentId, minPosition), loadAgreements().catch(() => [] as Agreement[])]).then(([{ reviews }, names]) => {
    render(reviews, names);
    if (can('reviews:decide')) section.append(allegeForm(incidentId, names, onDone));
  }, () => replaceChildren(list, h('p', { role: 'alert', 'data-i18n': 'review.loadError' })));
  return section;
}

function reviewItem(review: Review, names: Agreement[], onDone: (result: WriteResult, message: MessageKey) => void): HTMLElement {
  const history = h('ol', { class: 'review-history', hidden: true });
  const showHistory = async () => {
    history.hidden = !history.hidden;
    if (history.hidden || history.childElementCount) return;
    try {
      const { history: events } = await api.review(review.id);
      replaceChildren(history, ...events.map(reviewHistoryItem));
    } catch {
      replaceChildren(history, h('li', { role: 'alert', 'data-i18n': 'review.loadError' }));
    }
  };
  return h('li', { class: 'review', 'data-review-id': review.id },
    h('p', {}, h('strong', {}, agreementName(names, review.agreementId)), ' — ', h('span', { class: `badge review-${review.status}`, 'data-i18n': `review.status.${review.status}` })),
    h('p', {}, t('review.allegedBy', { by: review.allegedBy, parties: review.allegedParties.join(', ') })),
    review.finding ? h('p', { class: 'finding' }, t(`review.outcome.${review.finding.outcome}` as MessageKey), review.finding.note ? ` — ${review.finding.note}` : '') : null,
    h('button', { type: 'button', class: 'link', 'data-action': 'review-history', 'data-i18n': 'review.history', onclick: () => void showHistory() }),
    history,
    can('reviews:decide') && review.status !== 'decided' ? findingForm(review, onDone) : null);
}

/** One event of a review's history: when, what, who, the outcome and the note. */
export function reviewHistoryItem(e: ReviewHistoryEvent): HTMLElement {
  return h('li', {}, h('time', { datetime: e.recordedAt }, formatTimestamp(e.recordedAt)), ' — ',
    t(`review.event.${e.type}` as MessageKey) === `review.event.${e.type}` ? e.type : t(`review.event.${e.type}` as MessageKey), ' — ', e.recordedBy,
    typeof e.data.outcome === 'string' ? ` — ${t(`review.outcome.${e.data.outcome}` as MessageKey)}` : '',
    typeof e.data.note === 'string' && e.data.note ? h('p', { class: 'why' }, e.data.note) : null);
}

const labelled = (id: string, key: MessageKey, control: HTMLElement) => {
  control.id = id;
  return h('div', { class: 'field' }, h('label', { for: id, 'data-i18n': key }), control);
};
const val = (form: HTMLFormElement, name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();

function writeForm(className: string, title: MessageKey, submit: MessageKey, fields: HTMLElement[], send: (form: HTMLFormElement, key: (body: unknown) => string) => Promise<WriteResult>, done: MessageKey, onDone: (result: WriteResult, message: MessageKey) => void) {
  const status = h('p', { class: 'form-status', 'aria-live': 'polite' });
  const keyFor = idempotencyKeys();
  const form = h('form', { class: `review-form ${className}`, novalidate: true }, h('h3', { 'data-i18n': title }), ...fields, status, h('button', { type: 'submit', class: 'primary', 'data-i18n': submit }));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    status.textContent = t('form.sending');
    try {
      onDone(await send(form, keyFor), done);
    } catch (error) {
      showFailure(form, status, error, () => undefined);
    }
  });
  return form;
}

function allegeForm(incidentId: string, names: Agreement[], onDone: (result: WriteResult, message: MessageKey) => void): HTMLFormElement {
  const uid = Math.random().toString(36).slice(2, 8);
  return writeForm('allege-form', 'review.allege', 'review.allegeSubmit', [
    labelled(`allege-agreement-${uid}`, 'review.agreement', h('select', { name: 'agreementId', 'data-field': 'agreementId' }, ...names.map((a) => h('option', { value: a.id }, a.name)))),
    labelled(`allege-by-${uid}`, 'review.allegedByField', h('input', { type: 'text', name: 'allegedBy', 'data-field': 'allegedBy' })),
    labelled(`allege-parties-${uid}`, 'review.allegedParties', h('input', { type: 'text', name: 'allegedParties', 'data-field': 'allegedParties' })),
    labelled(`allege-note-${uid}`, 'review.note', h('textarea', { name: 'note', rows: 2, 'data-field': 'note' })),
  ], (form, key) => {
    const body = { incidentId, agreementId: val(form, 'agreementId'), allegedBy: val(form, 'allegedBy'), allegedParties: parties(val(form, 'allegedParties')), note: val(form, 'note') };
    return api.allege(body, key(body));
  }, 'review.alleged', onDone);
}

function findingForm(review: Review, onDone: (result: WriteResult, message: MessageKey) => void): HTMLFormElement {
  const uid = review.id.slice(0, 8);
  return writeForm('finding-form', 'review.finding', 'review.findingSubmit', [
    labelled(`finding-outcome-${uid}`, 'review.outcome', h('select', { name: 'outcome', 'data-field': 'outcome' }, ...OUTCOMES.map((o) => h('option', { value: o, 'data-i18n': `review.outcome.${o}` })))),
    labelled(`finding-parties-${uid}`, 'review.responsibleParties', h('input', { type: 'text', name: 'responsibleParties', 'data-field': 'responsibleParties' })),
    labelled(`finding-provisions-${uid}`, 'review.provisions', h('input', { type: 'text', name: 'provisions', 'data-field': 'provisions' })),
    labelled(`finding-mission-${uid}`, 'review.mission', h('input', { type: 'text', name: 'verificationMission', 'data-field': 'verificationMission' })),
    labelled(`finding-note-${uid}`, 'review.note', h('textarea', { name: 'note', rows: 2, 'data-field': 'note' })),
  ], (form, key) => {
    const mission = val(form, 'verificationMission');
    const body = { expectedVersion: review.version, outcome: val(form, 'outcome'), responsibleParties: parties(val(form, 'responsibleParties')), provisions: parties(val(form, 'provisions')), note: val(form, 'note'), ...(mission ? { verificationMission: mission } : {}) };
    return api.finding(review.id, body, key(body));
  }, 'review.recorded', onDone);
}
