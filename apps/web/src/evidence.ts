import type { IncidentEvidence } from '../../../libs/domain/src/incident/incident.evidence.js';
import { STRIPPABLE_MEDIA_TYPES } from '../../../libs/domain/src/incident/incident.evidence.js';
import { api, ApiError, download, evidencePath, fetchBlob, uuid, type IncidentView } from './api.js';
import { h, replaceChildren } from './dom.js';
import { clearErrors, showFailure } from './form-feedback.js';
import { language, t } from './i18n/index.js';
import { can, canCorrect } from './session.js';

// Evidence in the incident panel (thumbnails of photos, a list of the other files) and the
// form that attaches files to an incident on the record: in the panel, and after a report.

const ACCEPT = 'image/jpeg,image/png,image/heic,image/heif,.heic,application/pdf,audio/*,video/mp4,video/quicktime,video/webm';

/** Thumbnails as object URLs, fetched once per page (an image cannot send the token itself). */
const thumbnails = new Map<string, Promise<string>>();

/** 12 kB, 1.5 MB (12 ko, 1,5 Mo): in the reader's language. */
export const fileSize = (bytes: number) =>
  bytes >= 1_000_000
    ? new Intl.NumberFormat(language(), { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(bytes / 1_000_000)
    : new Intl.NumberFormat(language(), { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(Math.max(1, Math.round(bytes / 1000)));

/** The files attached to the incident: photos as thumbnails, the rest as a list, withheld and erased ones said so. */
export function renderEvidence(view: IncidentView): HTMLElement {
  const files = view.evidence ?? [];
  const readable = (e: IncidentEvidence) => !e.erased && (!e.confidential || can('sources:read-confidential'));
  const photos = files.filter((e) => readable(e) && STRIPPABLE_MEDIA_TYPES.includes(e.mediaType));
  const others = files.filter((e) => !photos.includes(e));
  return h('section', { class: 'evidence' },
    h('h3', { 'data-i18n': 'evidence.title' }),
    files.length ? null : h('p', { 'data-i18n': 'evidence.none' }),
    photos.length ? h('div', { class: 'evidence-thumbnails' }, ...photos.map((e) => thumbnail(view.id, e))) : null,
    others.length ? h('ul', { class: 'evidence-files' }, ...others.map((e) => h('li', { 'data-evidence-id': e.evidenceId }, ...fileLine(view.id, e, readable(e))))) : null);
}

function thumbnail(incidentId: string, e: IncidentEvidence): HTMLElement {
  const image = h('img', { alt: t('evidence.photo', { caption: e.caption }), class: 'evidence-thumbnail', 'data-evidence-id': e.evidenceId });
  const key = `${incidentId}/${e.evidenceId}`;
  if (!thumbnails.has(key)) thumbnails.set(key, fetchBlob(evidencePath(incidentId, e.evidenceId, true)).then((blob) => URL.createObjectURL(blob)));
  thumbnails.get(key)!.then((url) => (image.src = url), () => thumbnails.delete(key));
  return h('figure', {},
    h('button', { type: 'button', class: 'evidence-open', title: t('evidence.open'), onclick: () => void download(evidencePath(incidentId, e.evidenceId), e.evidenceId) }, image),
    h('figcaption', {}, e.caption, e.stripped ? h('span', { class: 'badge' }, t('evidence.stripped')) : null,
      e.confidential ? h('span', { class: 'badge confidential' }, t('panel.confidential')) : null));
}

function fileLine(incidentId: string, e: IncidentEvidence, readable: boolean) {
  const fingerprint = h('code', { class: 'evidence-sha256', title: t('evidence.fingerprint', { sha256: e.sha256 }) }, e.sha256.slice(0, 12));
  if (e.erased) return [h('span', {}, t('evidence.erased')), ' ', fingerprint];
  if (!readable) return [h('span', {}, t('evidence.withheld')), ' ', h('span', { class: 'badge confidential' }, t('panel.confidential'))];
  return [
    h('strong', {}, e.caption || e.mediaType), ` — ${e.mediaType}, ${fileSize(e.size)} `, fingerprint, ' ',
    e.confidential ? h('span', { class: 'badge confidential' }, t('panel.confidential')) : null,
    h('button', { type: 'button', class: 'secondary', onclick: () => void download(evidencePath(incidentId, e.evidenceId), e.evidenceId) }, t('evidence.open')),
  ];
}

/** A file chosen in a form, with its caption and whether it is confidential (photos then stripped). */
export interface ChosenFile {
  file: Blob;
  name: string;
  caption: string;
  confidential: boolean;
}

/** Attaches one file: one request, its own key (the same key again attaches it once). */
export function attachFile(incidentId: string, { file, name, caption, confidential }: ChosenFile, idempotencyKey: string) {
  const form = new FormData();
  form.set('caption', caption);
  form.set('confidential', String(confidential));
  form.set('file', file, name);
  return api.attachEvidence(incidentId, form, idempotencyKey);
}

/**
 * File, caption and confidentiality fields; `send` attaches each chosen file, one request each;
 * `take` hands them over (to the outbox) and clears the fields.
 */
export function createEvidenceFields(): {
  element: HTMLElement;
  chosen: () => number;
  take: () => ChosenFile[];
  send: (incidentId: string) => Promise<{ position?: string; failures: string[] }>;
} {
  const input = h('input', { type: 'file', multiple: true, accept: ACCEPT, id: 'evidence-files', name: 'file', 'data-field': 'file' });
  const caption = h('input', { type: 'text', id: 'evidence-caption', name: 'caption', 'data-field': 'caption', maxlength: 2000 });
  const confidential = h('input', { type: 'checkbox', id: 'evidence-confidential', name: 'confidential' });
  const element = h('fieldset', { class: 'evidence-fields' },
    h('legend', { 'data-i18n': 'evidence.attach' }),
    h('div', { class: 'field' }, h('label', { for: input.id, 'data-i18n': 'evidence.files' }), input, h('p', { class: 'hint', 'data-i18n': 'evidence.filesHint' }),
      h('p', { class: 'field-error', 'data-error-for': 'file', 'aria-live': 'polite' })),
    h('div', { class: 'field' }, h('label', { for: caption.id, 'data-i18n': 'evidence.caption' }), caption, h('p', { class: 'hint', 'data-i18n': 'evidence.captionHint' }),
      h('p', { class: 'field-error', 'data-error-for': 'caption', 'aria-live': 'polite' })),
    h('div', { class: 'field checkbox' }, confidential, h('label', { for: confidential.id, 'data-i18n': 'evidence.confidential' })));
  // One key per file chosen: sending again after a dropped link attaches it once.
  const keys = new WeakMap<File, string>();
  const chosen = () => [...(input.files ?? [])].map((file) => ({ file, name: file.name, caption: caption.value.trim(), confidential: confidential.checked }));
  return {
    element,
    chosen: () => input.files?.length ?? 0,
    take() {
      const files = chosen();
      input.value = caption.value = '';
      confidential.checked = false;
      return files;
    },
    async send(incidentId) {
      let position: string | undefined;
      const failures: string[] = [];
      for (const choice of chosen()) {
        const file = choice.file;
        if (!keys.has(file)) keys.set(file, uuid());
        try {
          position = (await attachFile(incidentId, choice, keys.get(file)!)).position;
        } catch (error) {
          failures.push(t('evidence.failed', { file: file.name, message: error instanceof ApiError ? error.message : String(error) }));
        }
      }
      if (!failures.length) input.value = caption.value = '';
      return { position, failures };
    },
  };
}

/**
 * After a report or an amendment is on the record: sends the files chosen in its form, then
 * `done` with the last position written. A file refused leaves the form open saying so (what is
 * on the record stays there).
 */
export async function sendEvidenceAfter(fields: ReturnType<typeof createEvidenceFields>, incidentId: string, status: HTMLElement, done: (position?: string) => void) {
  if (!fields.chosen()) return done();
  status.textContent = t('form.sending');
  const { position, failures } = await fields.send(incidentId);
  if (!failures.length) return done(position);
  replaceChildren(status, h('span', { role: 'alert' }, t('evidence.recordedWithout', { failures: failures.join(' ') })));
  status.dataset.state = 'error';
}

/** In the incident panel: attach files to an incident its user may correct (while it is not retracted). */
export function createEvidenceAttach(view: IncidentView, onDone: (position: string) => void): HTMLElement | null {
  if (view.status !== 'active' || !canCorrect(view.reportedBy)) return null;
  const fields = createEvidenceFields();
  const status = h('p', { class: 'form-status', 'aria-live': 'polite' });
  const form = h('form', { class: 'evidence-attach', novalidate: true }, fields.element, status, h('button', { type: 'submit', class: 'primary', 'data-i18n': 'evidence.send' }));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    if (!fields.chosen()) return;
    status.textContent = t('form.sending');
    const { position, failures } = await fields.send(view.id);
    if (failures.length) showFailure(form, status, new ApiError(400, 'refused', failures.join(' ')), () => undefined);
    else replaceChildren(status, t('evidence.attached'));
    if (position && !failures.length) onDone(position);
  });
  return form;
}
