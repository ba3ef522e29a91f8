import { RETRACTION_REASONS, VERIFICATION_LEVELS, type RetractionReason, type VerificationLevel } from '../../../libs/domain/src/incident/incident.taxonomy.js';
import { api, idempotencyKeys, type IncidentView, type WriteResult } from './api.js';
import { h } from './dom.js';
import { clearErrors, fieldNotes, showFailure } from './form-feedback.js';
import { t, type MessageKey } from './i18n/index.js';
import { can, canCorrect } from './session.js';

export interface ActionsOptions {
  onAmend: () => void;
  onDone: (result: WriteResult, message: MessageKey) => void;
  /** After a 409: show the incident at its latest version. */
  onReload: () => void;
}

const labelled = (name: string, key: MessageKey, control: HTMLElement, hint?: MessageKey) => {
  const notes = fieldNotes(name, hint);
  control.id = `action-${name}`;
  control.setAttribute('name', name);
  control.dataset.field = name;
  control.setAttribute('aria-describedby', notes.ids);
  return h('div', { class: 'field' }, h('label', { for: control.id, 'data-i18n': key }), control, ...notes.nodes);
};

/** Amend, change verification, retract: each sends the version the user saw (409 if stale). */
export function createActions(view: IncidentView, { onAmend, onDone, onReload }: ActionsOptions): HTMLElement {
  const verifyForm = actionForm('verify.title', 'verify.submit', 'verify.done', (form) => {
    const body = { expectedVersion: view.version, level: value(form, 'level') as VerificationLevel, note: value(form, 'note') };
    return (key) => api.verify(view.id, body, key(body));
  }, [
    labelled('level', 'verify.level', h('select', {}, ...VERIFICATION_LEVELS.map((level) => h('option', { value: level, selected: level === view.verification, 'data-label': `verification:${level}` })))),
    labelled('note', 'verify.note', h('textarea', { rows: 2 }), 'verify.noteHint'),
  ], onDone, onReload);

  const duplicateOf = labelled('duplicateOf', 'retract.duplicateOf', h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false' }));
  const reason = h('select', {}, ...RETRACTION_REASONS.map((r) => h('option', { value: r, 'data-label': `retractionReason:${r}` })));
  const showDuplicate = () => (duplicateOf.hidden = reason.value !== 'duplicate');
  reason.addEventListener('change', showDuplicate);
  showDuplicate();
  const retractForm = actionForm('retract.title', 'retract.submit', 'retract.done', (form) => {
    const r = value(form, 'reason') as RetractionReason;
    const body = { expectedVersion: view.version, reason: r, note: value(form, 'note'), ...(r === 'duplicate' ? { duplicateOf: value(form, 'duplicateOf') } : {}) };
    return (key) => api.retract(view.id, body, key(body));
  }, [labelled('reason', 'retract.reason', reason), duplicateOf, labelled('note', 'retract.note', h('textarea', { rows: 2 }))], onDone, onReload);

  const toggle = (form: HTMLElement) => () => {
    const open = form.hidden;
    verifyForm.hidden = retractForm.hidden = true;
    form.hidden = !open;
    if (open) form.querySelector<HTMLElement>('select, textarea, input')?.focus();
  };
  const retracted = view.status === 'retracted';
  // Only what the user's roles allow: the server would refuse the rest.
  const correct = canCorrect(view.reportedBy);
  const verify = can('incidents:verify');
  if (!correct && !verify) return h('section', { class: 'incident-actions', hidden: true });
  return h('section', { class: 'incident-actions' },
    h('div', { class: 'row' },
      correct && h('button', { type: 'button', class: 'primary', 'data-action': 'amend', 'data-i18n': 'panel.amend', onclick: onAmend, disabled: retracted }),
      verify && h('button', { type: 'button', class: 'secondary', 'data-action': 'verify', 'data-i18n': 'panel.verify', onclick: toggle(verifyForm), disabled: retracted }),
      correct && h('button', { type: 'button', class: 'secondary danger', 'data-action': 'retract', 'data-i18n': 'panel.retract', onclick: toggle(retractForm), disabled: retracted })),
    verify && verifyForm, correct && retractForm);
}

const value = (form: HTMLFormElement, name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();

type Send = (key: (body: unknown) => string) => Promise<WriteResult>;

function actionForm(
  title: MessageKey,
  submit: MessageKey,
  done: MessageKey,
  prepare: (form: HTMLFormElement) => Send,
  fields: HTMLElement[],
  onDone: ActionsOptions['onDone'],
  onReload: () => void,
): HTMLFormElement {
  const status = h('p', { class: 'form-status', 'aria-live': 'polite' });
  const keyFor = idempotencyKeys();
  const form = h('form', { class: 'action-form', hidden: true, novalidate: true },
    h('h3', { 'data-i18n': title }), ...fields, status,
    h('button', { type: 'submit', class: 'primary', 'data-i18n': submit }));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    status.textContent = t('form.sending');
    const button = form.querySelector('button[type="submit"]') as HTMLButtonElement;
    button.disabled = true;
    try {
      onDone(await prepare(form)(keyFor), done);
    } catch (error) {
      showFailure(form, status, error, onReload);
    } finally {
      button.disabled = false;
    }
  });
  return form;
}
