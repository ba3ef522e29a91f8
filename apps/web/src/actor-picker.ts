import { actorIdFromName } from '../../../libs/domain/src/reference/actor-names.js';
import { ACTOR_KINDS, USUAL_INTER, type ActorKind } from '../../../libs/domain/src/reference/actor.js';
import { api, idempotencyKeys, type ApiError } from './api.js';
import { actorNamed, matchActors, UNIDENTIFIED_ACTOR, type ActorMatch, type ActorName } from './actor-search.js';
import { append, h, replaceChildren } from './dom.js';
import { label, t } from './i18n/index.js';
import { can } from './session.js';

export interface ActorPickerOptions {
  /** The registered actors as known now (they may arrive after the picker is made). */
  actors: () => ActorName[];
  /** The actor shown at first (an id). */
  selected?: string;
  /** Several names, comma-separated (the map's filter): a pick replaces the name being typed. */
  multiple?: boolean;
  /** An actor registered from the picker: the caller adds it to its list. */
  onRegistered?: (actor: ActorName) => void;
}

let pickers = 0;

/** What a picker shows for an actor: the reference "unidentified" actor in the reader's language. */
const pickedName = (actor: ActorName): string => (actor.id === UNIDENTIFIED_ACTOR ? t('picker.unidentified') : actor.name);

/**
 * A text input that suggests registered actors as one types (name, short name, alias, folded for
 * case and accents) with their kind, always offers "unidentified armed group", and lets a reviewer
 * or an administrator register a new actor. One picker serves the report form, the amend form and
 * the map's actor filter. The chosen actor's id is on the input (`data-actor-id`): read it with
 * `pickedActorId`.
 */
export function createActorPicker({ actors, selected, multiple = false, onRegistered }: ActorPickerOptions): HTMLInputElement {
  const id = `actor-picker-${++pickers}`;
  const listbox = h('ul', { class: 'actor-picker-list', role: 'listbox', id: `${id}-list`, hidden: true });
  const input = h('input', {
    type: 'text', autocomplete: 'off', spellcheck: 'false', role: 'combobox',
    'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': listbox.id, class: 'actor-picker',
  });
  const chosen = selected ? actors().find((a) => a.id === selected) : undefined;
  input.value = chosen ? pickedName(chosen) : (selected ?? '');
  if (selected) input.dataset.actorId = selected;

  const typed = () => (multiple ? input.value.split(',').at(-1)!.trim() : input.value.trim());
  type Choice = { kind: 'actor'; match: ActorMatch } | { kind: 'register'; name: string };
  let choices: Choice[] = [];
  let active = -1;

  const close = () => {
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const render = () => {
    // The list hangs under the input, wherever a form put it.
    if (!listbox.isConnected) input.after(listbox);
    input.parentElement?.classList.add('has-actor-picker');
    const text = typed();
    const list = actors();
    const matches = matchActors(list, text);
    // "Unidentified" is offered first whatever is typed: a monitor must never invent a name.
    const unidentified = list.find((a) => a.id === UNIDENTIFIED_ACTOR);
    const rest = matches.filter((m) => m.actor.id !== UNIDENTIFIED_ACTOR);
    choices = [
      ...(unidentified && !multiple ? [{ kind: 'actor' as const, match: { actor: unidentified } }] : []),
      ...rest.map((match) => ({ kind: 'actor' as const, match })),
      ...(text && can('actors:register') && !actorNamed(list, text) && !multiple ? [{ kind: 'register' as const, name: text }] : []),
    ];
    active = Math.min(active, choices.length - 1);
    replaceChildren(listbox, ...choices.map((choice, i) => {
      const option = h('li', { role: 'option', id: `${id}-${i}`, 'aria-selected': String(i === active), onmousedown: (e) => e.preventDefault(), onclick: () => pick(choice) });
      if (choice.kind === 'register') {
        option.classList.add('register');
        option.append(t('picker.register', { name: choice.name }));
      } else {
        const { actor, alias } = choice.match;
        option.dataset.actorId = actor.id;
        append(option, h('span', { class: 'actor-name' }, pickedName(actor)),
          actor.shortName && actor.shortName !== actor.name ? h('span', { class: 'actor-short' }, ` (${actor.shortName})`) : null,
          alias ? h('span', { class: 'actor-alias' }, ` — ${t('picker.alias', { alias })}`) : null,
          h('span', { class: 'actor-kind' }, label('actorKind', actor.kind)));
      }
      return option;
    }), rest.length ? null : h('li', { class: 'empty', role: 'presentation' }, t(list.length ? 'picker.noMatch' : 'picker.noList')));
    listbox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    if (active >= 0) input.setAttribute('aria-activedescendant', `${id}-${active}`);
    else input.removeAttribute('aria-activedescendant');
  };

  const pick = (choice: Choice) => {
    close();
    if (choice.kind === 'register') return registerActor(choice.name, (actor) => {
      onRegistered?.(actor);
      choose(actor);
    });
    choose(choice.match.actor);
  };
  const choose = (actor: ActorName) => {
    if (multiple) {
      const before = input.value.split(',').slice(0, -1).map((v) => v.trim()).filter(Boolean);
      input.value = [...before, actor.name].join(', ');
    } else {
      input.value = pickedName(actor);
      input.dataset.actorId = actor.id;
    }
    input.dispatchEvent(new Event('change', { bubbles: true }));
  };

  input.addEventListener('input', () => {
    delete input.dataset.actorId;
    active = -1;
    render();
  });
  input.addEventListener('focus', render);
  input.addEventListener('blur', () => {
    close();
    // A whole name typed without picking (or an id, as before the picker) names its actor.
    const named = !multiple && !input.dataset.actorId ? actorNamed(actors(), input.value) : undefined;
    if (named) choose(named);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !listbox.hidden) {
      event.stopPropagation();
      return close();
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp' && event.key !== 'Enter') return;
    if (listbox.hidden) {
      if (event.key === 'ArrowDown') render();
      return;
    }
    if (event.key === 'Enter') {
      if (active < 0) return;
      event.preventDefault();
      return pick(choices[active]);
    }
    event.preventDefault();
    active = (active + (event.key === 'ArrowDown' ? 1 : -1) + choices.length) % Math.max(choices.length, 1);
    render();
  });
  return input;
}

/**
 * The actor id a picker names: the one picked, else the actor its whole text names, else the text
 * itself (the server then says it is not registered).
 */
export function pickedActorId(input: HTMLInputElement, actors: readonly ActorName[]): string {
  return input.dataset.actorId ?? actorNamed(actors, input.value)?.id ?? input.value.trim();
}

/** A small dialog to register an actor (`POST /api/actors`); the id is made from the name. */
function registerActor(name: string, onDone: (actor: ActorName) => void): void {
  const field = (key: Parameters<typeof t>[0], control: HTMLInputElement | HTMLSelectElement) =>
    h('label', { class: 'field' }, h('span', { 'data-i18n': key }), control);
  const nameInput = h('input', { type: 'text', name: 'name', required: true, value: name, maxlength: 200 });
  const shortInput = h('input', { type: 'text', name: 'shortName', required: true, value: name, maxlength: 100 });
  const kind = h('select', { name: 'kind' }, ...ACTOR_KINDS.map((k) => h('option', { value: k, selected: k === 'militia', 'data-label': `actorKind:${k}` })));
  const status = h('p', { class: 'form-status', role: 'alert' });
  const form = h('form', { method: 'dialog', class: 'register-actor' },
    h('h3', { 'data-i18n': 'picker.registerTitle' }),
    h('p', { class: 'hint', 'data-i18n': 'picker.registerHint' }),
    field('picker.name', nameInput), field('picker.shortName', shortInput), field('picker.kind', kind),
    status,
    h('div', { class: 'row actions' },
      h('button', { type: 'submit', class: 'primary', 'data-i18n': 'picker.registerSubmit' }),
      h('button', { type: 'button', class: 'secondary', 'data-i18n': 'form.cancel', onclick: () => dialog.close() })));
  const dialog = h('dialog', { class: 'register-actor-dialog' }, form);
  // Retrying after a lost answer sends the same key: the actor is registered once.
  const keyFor = idempotencyKeys();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const actor: ActorName = { id: actorIdFromName(nameInput.value), name: nameInput.value.trim(), shortName: shortInput.value.trim(), aliases: [], kind: kind.value as ActorKind };
    status.textContent = t('form.sending');
    try {
      const body = { ...actor, inter: USUAL_INTER[actor.kind] };
      await api.registerActor(body, keyFor(body));
      dialog.close();
      onDone(actor);
    } catch (error) {
      const refusal = error as ApiError;
      status.textContent = refusal.fieldErrors?.length ? refusal.fieldErrors.map((e) => `${e.field}: ${e.messages.join(' ')}`).join('; ') : String(refusal.message ?? error);
    }
  });
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
}
