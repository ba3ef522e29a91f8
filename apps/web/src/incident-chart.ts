import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { INCIDENT_TYPES } from '../../../libs/domain/src/incident/incident.taxonomy.js';
import { api, type StatsGroup } from './api.js';
import { h } from './dom.js';
import { label, language, onLanguageChange, t } from './i18n/index.js';
import { SYMBOLS } from './symbols.js';

const TYPES = Object.keys(INCIDENT_TYPES) as (keyof typeof INCIDENT_TYPES)[];

/** Months from the first to the last with incidents, as UTC seconds (uPlot's time unit). */
function months(groups: StatsGroup[]): string[] {
  const named = groups.map((g) => g.month).filter((m): m is string => Boolean(m)).sort();
  if (!named.length) return [];
  const all: string[] = [];
  for (let [y, m] = named[0].split('-').map(Number); `${y}-${String(m).padStart(2, '0')}` <= named[named.length - 1]; m === 12 ? ((m = 1), y++) : m++) {
    all.push(`${y}-${String(m).padStart(2, '0')}`);
  }
  return all;
}
const monthStart = (month: string) => Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1) / 1000;
const isoDay = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);
const lastDayOf = (month: string) => isoDay(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0) / 1000);

/**
 * Incidents per month stacked by type (bars) and dead (a line, right axis), from /api/stats.
 * Dragging across months selects them: `onBrush` gets the first and last day.
 */
export function createIncidentChart(onBrush: (from: string, to: string) => void): { element: HTMLElement; update: (filters: URLSearchParams) => Promise<void>; destroy: () => void } {
  const element = h('figure', { class: 'incident-chart', 'data-state': 'loading' });
  const caption = h('figcaption', { class: 'hint', 'data-i18n': 'chart.caption' });
  element.append(caption);
  let plot: uPlot | null = null;
  let shown: { months: string[]; groups: StatsGroup[] } = { months: [], groups: [] };
  let request = 0;

  const draw = () => {
    plot?.destroy();
    plot = null;
    const { months: xs, groups } = shown;
    const at = new Map(xs.map((m, i) => [m, i]));
    const counts = TYPES.map(() => xs.map(() => 0));
    const dead = xs.map(() => 0);
    for (const g of groups) {
      const i = at.get(g.month!);
      if (i === undefined) continue;
      counts[TYPES.indexOf(g.type as (typeof TYPES)[number])][i] += g.incidents;
      dead[i] += g.killed;
    }
    // Stacked: each type's bar is drawn from zero to the sum of it and those below it.
    const stacked = counts.map((_, k) => xs.map((__, i) => counts.slice(0, k + 1).reduce((sum, c) => sum + c[i], 0)));
    // Inside the figure's padding.
    const width = Math.max(200, (element.clientWidth || 600) - 20);
    const bars = uPlot.paths.bars!({ size: [0.8, 40] });
    const monthName = new Intl.DateTimeFormat(language(), { month: 'short', year: 'numeric', timeZone: 'UTC' });
    plot = new uPlot(
      {
        width,
        height: 110,
        legend: { show: false },
        cursor: { drag: { x: true, y: false, setScale: false }, points: { show: false } },
        scales: { x: { time: true }, dead: { auto: true } },
        axes: [
          { values: (_u, ticks) => ticks.map((s) => monthName.format(new Date(s * 1000))), size: 24, font: '11px sans-serif' },
          { label: t('chart.incidents'), size: 40, font: '11px sans-serif', labelSize: 14, labelFont: '11px sans-serif' },
          { scale: 'dead', side: 1, label: t('chart.killed'), size: 40, grid: { show: false }, font: '11px sans-serif', labelSize: 14, labelFont: '11px sans-serif' },
        ],
        series: [
          {},
          // Last (top of the stack) first, so each shorter bar is drawn over the taller one behind it.
          ...[...TYPES].reverse().map((type) => ({ label: label('type', type), fill: SYMBOLS[type].colour, stroke: SYMBOLS[type].colour, width: 0, paths: bars, points: { show: false } })),
          { label: t('chart.killed'), scale: 'dead', stroke: '#111', width: 1.5, points: { show: false } },
        ],
        hooks: {
          setSelect: [
            (u) => {
              if (u.select.width < 2) return;
              const first = Math.max(0, Math.round(u.posToIdx(u.select.left)));
              const last = Math.min(xs.length - 1, Math.round(u.posToIdx(u.select.left + u.select.width)));
              u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
              if (xs[first] && xs[last]) onBrush(`${xs[first]}-01`, lastDayOf(xs[last]));
            },
          ],
        },
      },
      [xs.map(monthStart), ...[...stacked].reverse(), dead],
      element,
    );
    plot.root.setAttribute('role', 'img');
    plot.root.setAttribute('aria-label', t('chart.caption'));
  };

  const update = async (filters: URLSearchParams) => {
    const mine = ++request;
    const query = new URLSearchParams(filters);
    // The whole period of the other filters: the chart is where a period is chosen.
    ['from', 'to', 'bbox'].forEach((name) => query.delete(name));
    query.set('groupBy', 'month,type');
    element.dataset.state = 'loading';
    try {
      const stats = await api.stats(query);
      if (mine !== request) return;
      shown = { months: months(stats.groups), groups: stats.groups };
      element.dataset.months = String(shown.months.length);
      element.dataset.incidents = String(stats.total.incidents);
      element.dataset.killed = String(stats.total.killed);
      draw();
      element.dataset.state = 'ready';
    } catch (error) {
      if (mine !== request) return;
      element.dataset.state = 'error';
      console.warn('chart:', error);
    }
  };
  const stop = onLanguageChange(() => shown.months.length && draw());
  return {
    element,
    update,
    destroy: () => {
      stop();
      plot?.destroy();
    },
  };
}
