import { ApiError, ConflictError, NetworkError, type FieldError } from './api.js';
import { h, replaceChildren } from './dom.js';
import { t } from './i18n/index.js';

// How forms show what went wrong: beside the field the server (or the client) names, or at the
// top of the form when no field matches, and the 409 case with a way to reload.

/** A field's hint and error line; the input points at both with aria-describedby. */
export function fieldNotes(field: string, hintKey?: Parameters<typeof t>[0]): { ids: string; nodes: HTMLElement[] } {
  const id = `f-${field.replace(/[^\w-]/g, '-')}`;
  const hint = hintKey ? h('p', { class: 'hint', id: `${id}-hint`, 'data-i18n': hintKey }) : null;
  const error = h('p', { class: 'field-error', id: `${id}-error`, 'data-error-for': field, 'aria-live': 'polite' });
  return { ids: [hint?.id, error.id].filter(Boolean).join(' '), nodes: hint ? [hint, error] : [error] };
}

export function clearErrors(form: HTMLElement): void {
  form.querySelectorAll('[data-error-for]').forEach((e) => (e.textContent = ''));
  form.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
}

/** `actors[1].actorId` → `actors[1]` → `actors`. */
const parent = (path: string) => path.replace(/(\.[^.[\]]+|\[\d+\])$/, '');

/**
 * Puts each message beside its field; `actors[1].actorId` falls back to `actors[1]`, then
 * `actors`. Amendments are validated as `changes.<field>`. Returns what found no place.
 */
export function showFieldErrors(form: HTMLElement, errors: FieldError[]): FieldError[] {
  const unplaced: FieldError[] = [];
  for (const error of errors) {
    const find = (field: string) => form.querySelector<HTMLElement>(`[data-error-for="${CSS.escape(field)}"]`);
    let path = error.field.replace(/^changes\./, '');
    let slot = find(path);
    while (!slot && parent(path) !== path) {
      path = parent(path);
      slot = find(path);
    }
    if (!slot) {
      unplaced.push(error);
      continue;
    }
    slot.textContent = [slot.textContent, ...error.messages].filter(Boolean).join(' ');
    form.querySelector(`[data-field="${CSS.escape(path)}"]`)?.setAttribute('aria-invalid', 'true');
  }
  const first = form.querySelector<HTMLElement>('[aria-invalid="true"]');
  first?.focus();
  return unplaced;
}

/** The form's status line for any failure of a write. */
export function showFailure(form: HTMLElement, status: HTMLElement, error: unknown, onReload: () => void): void {
  if (error instanceof ConflictError) {
    replaceChildren(status, h('span', { class: 'conflict', role: 'alert' }, t('conflict.message')), ' ',
      h('button', { type: 'button', class: 'reload', onclick: onReload }, t('conflict.reload')));
  } else if (error instanceof ApiError) {
    const unplaced = showFieldErrors(form, error.fieldErrors);
    const placed = unplaced.length < error.fieldErrors.length;
    replaceChildren(status, h('span', { role: 'alert' }, placed && !unplaced.length ? t('form.fix') : t('form.refused', { message: unplaced.length ? unplaced.map((e) => e.messages.join(' ')).join('; ') : error.message })));
  } else if (error instanceof NetworkError) {
    replaceChildren(status, h('span', { role: 'alert' }, t('form.offline')));
  } else {
    replaceChildren(status, h('span', { role: 'alert' }, t('form.refused', { message: String(error) })));
  }
  status.dataset.state = 'error';
}
