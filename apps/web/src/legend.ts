import { INCIDENT_TYPES } from '../../../libs/domain/src/incident/incident.taxonomy.js';
import { h } from './dom.js';
import { typeSymbol } from './symbols.js';

/** What the symbols and the cluster labels mean. */
export function createLegend(container: HTMLElement): void {
  container.append(
    h('section', { class: 'legend', 'aria-labelledby': 'legend-title' },
      h('h2', { id: 'legend-title', 'data-i18n': 'legend.title' }),
      h('ul', {},
        ...Object.keys(INCIDENT_TYPES).map((type) => h('li', {}, typeSymbol(type), h('span', { 'data-label': `type:${type}` }))),
        h('li', {}, typeSymbol('battles', { retracted: true }), h('span', { 'data-i18n': 'legend.retracted' })),
        h('li', {}, h('span', { class: 'cluster-label cluster-small legend-cluster' }, '12 · 3'), h('span', { 'data-i18n': 'legend.cluster' })))),
  );
}
