import { actorName, loadActorNames } from './actor-names.js';
import { api, idempotencyKeys, type ImportJob } from './api.js';
import { h, replaceChildren } from './dom.js';
import { clearErrors, fieldNotes, showFailure } from './form-feedback.js';
import { formatNumber, onLanguageChange, t, type MessageKey } from './i18n/index.js';

/** How often a running import is asked for its progress. */
const POLL_MS = 500;

/**
 * The administrator's import screen (issue 14): a CSV file and its dataset sent to
 * `POST /api/imports`, the job's progress until it ends, its summary with the rejected lines, and
 * the provisional actors to confirm or merge.
 */
export function createImportScreen({ onImported }: { onImported: (position: string) => void }): { element: HTMLElement; destroy: () => void } {
  const field = (name: string, key: MessageKey, control: HTMLElement) => {
    const notes = fieldNotes(name);
    control.setAttribute('aria-describedby', notes.ids);
    return h('div', { class: 'field', 'data-field': name }, h('label', { for: control.id, 'data-i18n': key }), control, ...notes.nodes);
  };
  const file = h('input', { id: 'import-file', name: 'file', type: 'file', accept: '.csv,text/csv', required: true });
  const dataset = h('select', { id: 'import-dataset', name: 'dataset' },
    h('option', { value: 'acled', 'data-i18n': 'import.dataset.acled' }), h('option', { value: 'ucdp', 'data-i18n': 'import.dataset.ucdp' }));
  const release = h('input', { id: 'import-release', name: 'release', type: 'text', inputmode: 'decimal', placeholder: '25.1' });
  const published = h('input', { id: 'import-published', name: 'published', type: 'date' });
  const retract = h('input', { id: 'import-retract', name: 'retractMissing', type: 'checkbox' });
  const ucdpFields = h('div', { class: 'row' }, field('release', 'import.release', release), field('published', 'import.published', published));
  const submit = h('button', { type: 'submit', class: 'primary', 'data-i18n': 'import.submit' });
  const status = h('p', { class: 'form-status', 'aria-live': 'polite' });
  const job = h('section', { class: 'import-job', 'aria-live': 'polite' });
  const form = h('form', { class: 'import-form', novalidate: true },
    h('p', { class: 'hint', 'data-i18n': 'import.hint' }),
    field('file', 'import.file', file),
    field('dataset', 'import.dataset', dataset),
    ucdpFields,
    h('div', { class: 'field', 'data-field': 'retractMissing' }, h('label', { class: 'check' }, retract, h('span', { 'data-i18n': 'import.retractMissing' })), ...fieldNotes('retractMissing').nodes),
    h('div', { class: 'row' }, submit),
    status);
  const actors = createProvisionalActors();
  const element = h('section', { class: 'import-screen' }, h('h2', { 'data-i18n': 'import.title' }), form, job, actors.element);

  const showUcdpFields = () => (ucdpFields.hidden = dataset.value !== 'ucdp');
  dataset.addEventListener('change', showUcdpFields);
  showUcdpFields();

  let polling: number | undefined;
  let shown: ImportJob | undefined;
  const render = () => shown && renderJob(job, shown);
  const stopListening = onLanguageChange(render);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void start();
  });
  async function start() {
    clearErrors(form);
    status.textContent = t('import.uploading');
    status.dataset.state = 'sending';
    submit.disabled = true;
    const body = new FormData();
    body.set('dataset', dataset.value);
    if (retract.checked) body.set('retractMissing', 'true');
    if (dataset.value === 'ucdp') {
      body.set('release', release.value.trim());
      body.set('published', published.value);
    }
    // The file last: the server has read the other fields by the time the file arrives.
    if (file.files?.[0]) body.set('file', file.files[0]);
    try {
      follow(await api.startImport(body));
      status.textContent = '';
      delete status.dataset.state;
    } catch (error) {
      showFailure(form, status, error, () => undefined);
    } finally {
      submit.disabled = false;
    }
  }

  function follow(started: ImportJob) {
    clearTimeout(polling);
    shown = started;
    render();
    const poll = async () => {
      try {
        shown = await api.importJob(started.id);
        render();
      } catch (error) {
        console.warn('import:', error);
        replaceChildren(job, h('p', { role: 'alert' }, t('import.loadError')));
      }
      if (shown?.state === 'done') {
        const position = shown.summary?.lastPosition;
        if (position) onImported(position);
        // The provisional actors it created, by name once the names are loaded.
        return void actors.load(position).then(render);
      }
      if (shown?.state !== 'failed') polling = window.setTimeout(() => void poll(), POLL_MS);
    };
    polling = window.setTimeout(() => void poll(), POLL_MS);
  }

  void actors.load();
  return {
    element,
    destroy: () => {
      clearTimeout(polling);
      stopListening();
    },
  };
}

function renderJob(container: HTMLElement, job: ImportJob) {
  const { progress, summary } = job;
  const percent = progress.totalBytes ? Math.floor((100 * progress.bytesRead) / progress.totalBytes) : 0;
  container.dataset.state = job.state;
  container.dataset.job = job.id;
  replaceChildren(container,
    h('h3', {}, t(`import.state.${job.state}`), ` — ${job.fileName}`),
    job.state === 'done' ? null : h('progress', { max: 100, value: percent }),
    h('p', { class: 'import-progress' }, t('import.progress', { rows: formatNumber(progress.rows), percent, rate: formatNumber(progress.rowsPerSecond ?? 0) })),
    job.error ? h('p', { class: 'field-error', role: 'alert' }, job.error) : null,
    summary ? h('p', { class: 'import-summary' }, t('import.summary', { read: summary.read, new: summary.new, amended: summary.amended, unchanged: summary.unchanged, retracted: summary.retracted, rejected: summary.rejected })) : null,
    summary?.provisionalActors.length ? h('p', { class: 'import-provisional' }, t('import.provisionalCreated', { names: summary.provisionalActors.map(actorName).join(', ') })) : null,
    summary?.rejections.length
      ? h('div', { class: 'import-rejections' },
          h('h4', { 'data-i18n': 'import.rejections' }),
          summary.rejected > summary.rejections.length ? h('p', { class: 'hint' }, t('import.rejectionsShown', { shown: summary.rejections.length, count: summary.rejected })) : null,
          h('table', {},
            h('thead', {}, h('tr', {}, h('th', { scope: 'col', 'data-i18n': 'import.line' }), h('th', { scope: 'col', 'data-i18n': 'import.reason' }))),
            h('tbody', {}, ...summary.rejections.map((r) => h('tr', { 'data-line': r.line }, h('td', {}, String(r.line)), h('td', {}, r.reason))))))
      : null);
}

/** The provisional actors, each with Confirm and Merge into… for the administrator. */
function createProvisionalActors(): { element: HTMLElement; load: (minPosition?: string) => Promise<void> } {
  const reason = h('input', { id: 'actors-reason', name: 'reason', type: 'text', maxlength: 2000 });
  const status = h('p', { class: 'form-status', 'aria-live': 'polite' });
  const list = h('ul', { class: 'provisional-actors' });
  const reasonNotes = fieldNotes('reason');
  reason.setAttribute('aria-describedby', reasonNotes.ids);
  const element = h('section', { class: 'actors-review' },
    h('h3', { 'data-i18n': 'actors.reviewTitle' }),
    h('p', { class: 'hint', 'data-i18n': 'actors.reviewHint' }),
    h('div', { class: 'field', 'data-field': 'reason' }, h('label', { for: reason.id, 'data-i18n': 'actors.reason' }), reason, ...reasonNotes.nodes),
    status,
    list);
  const keys = idempotencyKeys();
  let survivors: { id: string; name: string }[] = [];

  const act = async (name: string, write: (reason: string, key: string) => Promise<{ position: string }>, done: string) => {
    clearErrors(element);
    if (!reason.value.trim()) {
      status.textContent = t('actors.reasonNeeded');
      reason.setAttribute('aria-invalid', 'true');
      reason.focus();
      return;
    }
    try {
      const body = reason.value.trim();
      const { position } = await write(body, keys({ name, body, done }));
      status.textContent = done;
      await load(position);
    } catch (error) {
      showFailure(element, status, error, () => void load());
    }
  };

  async function load(minPosition?: string) {
    const [provisional, all] = await Promise.all([api.provisionalActors(minPosition), api.actors()]);
    survivors = all.actors.filter((a) => !a.mergedInto).map((a) => ({ id: a.id, name: a.name }));
    await loadActorNames(true);
    list.dataset.state = 'ready';
    if (!provisional.actors.length) return replaceChildren(list, h('li', { class: 'hint', 'data-i18n': 'actors.none' }));
    replaceChildren(list, ...provisional.actors.map((actor) => {
      const into = h('select', { name: 'into', 'aria-label': `${t('actors.mergeInto')} — ${actor.name}` },
        ...survivors.filter((s) => s.id !== actor.id).map((s) => h('option', { value: s.id }, s.name)));
      return h('li', { 'data-actor-id': actor.id },
        h('span', { class: 'actor-name' }, actor.name), ' ', h('span', { class: 'badge provisional', 'data-i18n': 'actors.provisional' }), ' ',
        h('button', { type: 'button', class: 'secondary confirm', 'data-i18n': 'actors.confirm',
          onclick: () => void act(actor.id, (why, key) => api.confirmActor(actor.id, { expectedVersion: actor.version, reason: why }, key), t('actors.confirmed', { name: actor.name })) }),
        ' ', h('label', { class: 'inline' }, h('span', { 'data-i18n': 'actors.mergeInto' }), ' ', into), ' ',
        h('button', { type: 'button', class: 'secondary merge', 'data-i18n': 'actors.merge',
          onclick: () => void act(actor.id, (why, key) => api.mergeActor(actor.id, { expectedVersion: actor.version, into: into.value, reason: why }, key),
            t('actors.merged', { name: actor.name, into: into.selectedOptions[0]?.textContent ?? into.value })) }));
    }));
  }

  return { element, load: (minPosition) => load(minPosition).catch((error) => console.warn('actors:', error)) };
}
