import { api } from './api.js';
import { h } from './dom.js';

/** Links to the API's exports, kept in step with the filters and the visible area. */
export function createExport(container: HTMLElement): (query: URLSearchParams) => void {
  const geojson = h('a', { class: 'button secondary', download: 'incidents.geojson', 'data-i18n': 'export.geojson', 'data-format': 'geojson' });
  const csv = h('a', { class: 'button secondary', download: 'incidents.csv', 'data-i18n': 'export.csv', 'data-format': 'csv' });
  container.append(
    h('section', { class: 'export', 'aria-labelledby': 'export-title' },
      h('h2', { id: 'export-title', 'data-i18n': 'export.title' }),
      h('p', { class: 'hint', 'data-i18n': 'export.hint' }),
      h('div', { class: 'row' }, geojson, csv)),
  );
  return (query) => {
    geojson.href = api.exportUrl('geojson', query);
    csv.href = api.exportUrl('csv', query);
  };
}
