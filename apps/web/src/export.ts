import { api, download, type ExportFormat } from './api.js';
import { h } from './dom.js';

/** Links to the API's exports, kept in step with the filters and the visible area. */
export function createExport(container: HTMLElement): (query: URLSearchParams) => void {
  // The href says what will be exported; the click fetches it with the token.
  const link = (format: ExportFormat) => {
    const file = format === 'geojson' || format === 'csv' ? `incidents.${format}` : `incidents-${format}.csv`;
    const a = h('a', { class: 'button secondary', download: file, 'data-i18n': `export.${format}`, 'data-format': format });
    a.addEventListener('click', (event) => {
      event.preventDefault();
      void download(a.href, file).catch((error) => console.warn('export:', error));
    });
    return a;
  };
  const links = (['geojson', 'csv', 'acled', 'ucdp'] as const).map((format) => [format, link(format)] as const);
  container.append(
    h('section', { class: 'export', 'aria-labelledby': 'export-title' },
      h('h2', { id: 'export-title', 'data-i18n': 'export.title' }),
      h('p', { class: 'hint', 'data-i18n': 'export.hint' }),
      h('div', { class: 'row' }, ...links.map(([, a]) => a))),
  );
  return (query) => {
    for (const [format, a] of links) a.href = api.exportUrl(format, query);
  };
}
