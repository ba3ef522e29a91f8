import { actorName, loadActorNames } from './actor-names.js';
import { api, type Agreement, type IncidentView, type Review, type ReviewHistoryEvent } from './api.js';
import { h, replaceChildren } from './dom.js';
import { foldHistory, type HistoryEvent } from './history.js';
import { formatOccurred, formatTimestamp, label, t, type MessageKey } from './i18n/index.js';
import { renderDetails, renderHistory } from './incident-panel.js';
import { reviewHistoryItem, violationsTable } from './reviews.js';
import { user } from './session.js';

interface ConfirmedViolation {
  view: IncidentView;
  history: HistoryEvent[];
  review: Review & { history: ReviewHistoryEvent[] };
}

/**
 * The ceasefire mechanism's paper for one agreement and period: the by-group table, then each
 * confirmed violation with its incident, the finding and both histories. Built in `#print-report`,
 * which only the print stylesheet shows; the browser prints it (or saves it as PDF).
 */
export async function printViolationsReport(query: URLSearchParams, agreement: Agreement): Promise<void> {
  const report = document.getElementById('print-report') ?? document.body.appendChild(h('section', { id: 'print-report' }));
  report.dataset.state = 'loading';
  const [{ rows }] = await Promise.all([api.violationsByGroup(query), loadActorNames()]);
  // The incidents the table counts as confirmed, each once (a violation may have several parties).
  const cells = await Promise.all(rows.filter((r) => r.confirmed > 0).map((r) => {
    const cell = new URLSearchParams(query);
    cell.set('group', r.group);
    cell.set('groupKind', r.groupKind);
    cell.set('column', 'confirmed');
    return api.violationsCell(cell);
  }));
  const ids = [...new Set(cells.flatMap((c) => c.incidentIds))];
  const violations = (await Promise.all(ids.map((id) => confirmedViolation(id, agreement.id)))).filter((v): v is ConfirmedViolation => v !== null);
  violations.sort((a, b) => a.view.details.occurredAt.localeCompare(b.view.details.occurredAt));

  const from = query.get('from') ?? agreement.inForceFrom;
  const to = query.get('to') ?? agreement.inForceTo ?? '';
  replaceChildren(report,
    h('header', {},
      h('h1', {}, t('report.title', { agreement: agreement.name })),
      h('p', {}, t('report.period', { from: formatOccurred(from), to: to ? formatOccurred(to) : t('report.ongoing') }), ' — ',
        t(query.get('rollup') === 'coalition' ? 'review.byCoalition' : 'review.byActor')),
      h('p', { class: 'generated' }, t('report.generated', { date: formatTimestamp(new Date().toISOString()), user: user()?.username ?? '' }))),
    h('h2', {}, t('report.byGroup')),
    rows.length ? violationsTable(rows) : h('p', {}, t('review.empty')),
    h('h2', {}, t('report.confirmed', { count: violations.length })),
    ...(violations.length ? violations.map(violationSection) : [h('p', {}, t('report.noneConfirmed'))]));
  report.dataset.state = 'ready';
}

async function confirmedViolation(incidentId: string, agreementId: string): Promise<ConfirmedViolation | null> {
  const [view, { events }, { reviews }] = await Promise.all([api.incident(incidentId), api.history(incidentId), api.reviewsOf(incidentId)]);
  const decided = reviews.find((r) => r.agreementId === agreementId && r.status === 'decided' && r.finding?.outcome === 'violation');
  return decided ? { view, history: events, review: await api.review(decided.id) } : null;
}

function violationSection({ view, history, review }: ConfirmedViolation, index: number): HTMLElement {
  const d = view.details;
  const finding = review.finding!;
  const line = (key: MessageKey, value: string) => (value ? h('p', {}, h('strong', {}, t('report.label', { label: t(key) })), value) : null);
  return h('article', { class: 'violation', 'data-incident-id': view.id },
    h('h3', {}, `${index + 1}. ${formatOccurred(d.occurredAt)} — ${d.location.place} (${d.location.admin1}) — ${label('type', d.type)}`),
    h('section', { class: 'finding' },
      h('h4', {}, t('report.finding')),
      line('review.outcome', t(`review.outcome.${finding.outcome}` as MessageKey)),
      line('report.responsible', (finding.responsibleParties ?? []).map(actorName).join(', ')),
      line('report.provisions', (finding.provisions ?? []).join(', ')),
      line('report.alleged', `${actorName(review.allegedBy)} — ${review.allegedParties.map(actorName).join(', ')}`),
      finding.note ? h('p', { class: 'why' }, finding.note) : null),
    renderDetails(view),
    h('h4', {}, t('report.incidentHistory')),
    renderHistory(foldHistory(history)),
    h('h4', {}, t('report.reviewHistory')),
    h('ol', { class: 'review-history' }, ...review.history.map(reviewHistoryItem)));
}
