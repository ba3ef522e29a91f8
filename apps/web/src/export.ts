import { api, download } from './api.js';
import { h } from './dom.js';

/** Links to the API's exports, kept in step with the filters and the visible area. */
export function createExport(container: HTMLElement): (query: URLSearchParams) => void {
  // The href says what will be exported; the click fetches it with the token.
  const link = (format: 'geojson' | 'csv') => {
    const a = h('a', { class: 'button secondary', download: `incidents.${format}`, 'data-i18n': `export.${format}`, 'data-format': format });
    a.addEventListener('click', (event) => {
      event.preventDefault();
      void download(a.href, `incidents.${format}`).catch((error) => console.warn('export:', error));
    });
    return a;
  };
  const geojson = link('geojson');
  const csv = link('csv');
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
