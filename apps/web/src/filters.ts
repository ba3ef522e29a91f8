import {
  INCIDENT_TYPES,
  TARGETS,
  VERIFICATION_LEVELS,
  type IncidentType,
  type Target,
  type VerificationLevel,
} from '../../../libs/domain/src/incident/incident.taxonomy.js';
import { knownActors, loadActorNames } from './actor-names.js';
import { createActorPicker } from './actor-picker.js';
import { h, replaceChildren } from './dom.js';
import { translateElement, type Vocabulary } from './i18n/index.js';
import { typeSymbol } from './symbols.js';
import { subTypesOf, type Filters } from './view-state.js';

const checkbox = (name: string, vocabulary: Vocabulary, code: string, checked: boolean, symbol?: SVGElement) =>
  h('label', { class: 'check' }, h('input', { type: 'checkbox', name, value: code, checked }), symbol ?? null, h('span', { 'data-label': `${vocabulary}:${code}` }));

/** The filter form. Every change is reported at once (typing in "actor" after a pause). */
export function createFilters(container: HTMLElement, initial: Filters, onChange: (filters: Filters) => void): { setPeriod: (from: string, to: string) => void } {
  const subTypeBox = h('div', { class: 'choices' });
  // Names and aliases as the server accepts them, comma-separated; the picker suggests the last one typed.
  const actorInput = createActorPicker({ actors: knownActors, multiple: true });
  Object.assign(actorInput, { name: 'actor', value: initial.actors.join(', ') });
  actorInput.dataset.i18nPlaceholder = 'filters.actorHint';
  translateElement(actorInput);
  const form = h(
    'form',
    { class: 'filters', 'aria-labelledby': 'filters-title', onsubmit: (e) => e.preventDefault() },
    h('h2', { id: 'filters-title', 'data-i18n': 'filters.title' }),
    h('div', { class: 'row' },
      h('label', {}, h('span', { 'data-i18n': 'filters.from' }), h('input', { type: 'date', name: 'from', value: initial.from })),
      h('label', {}, h('span', { 'data-i18n': 'filters.to' }), h('input', { type: 'date', name: 'to', value: initial.to }))),
    h('fieldset', {}, h('legend', { 'data-i18n': 'filters.type' }),
      h('div', { class: 'choices' }, ...Object.keys(INCIDENT_TYPES).map((type) => checkbox('type', 'type', type, initial.types.includes(type as IncidentType), typeSymbol(type, { size: 14 }))))),
    h('fieldset', { class: 'sub-types' }, h('legend', { 'data-i18n': 'filters.subType' }), subTypeBox),
    h('label', {}, h('span', { 'data-i18n': 'filters.actor' }), actorInput),
    h('label', {}, h('span', { 'data-i18n': 'filters.region' }),
      h('input', { type: 'text', name: 'admin1', value: initial.regions.join(', '), 'data-i18n-placeholder': 'filters.regionHint', autocomplete: 'off' })),
    h('label', {}, h('span', { 'data-i18n': 'filters.district' }),
      h('input', { type: 'text', name: 'admin2', value: initial.districts.join(', '), 'data-i18n-placeholder': 'filters.districtHint', autocomplete: 'off' })),
    h('fieldset', {}, h('legend', { 'data-i18n': 'filters.target' }),
      h('div', { class: 'choices' }, ...TARGETS.map((target) => checkbox('target', 'target', target, initial.targets.includes(target))))),
    h('fieldset', {}, h('legend', { 'data-i18n': 'filters.verification' }),
      h('div', { class: 'choices' }, ...VERIFICATION_LEVELS.map((level) => checkbox('verification', 'verification', level, initial.verification.includes(level))))),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'retracted', checked: initial.showRetracted }), h('span', { 'data-i18n': 'filters.showRetracted' })),
    h('button', { type: 'button', class: 'secondary', 'data-i18n': 'filters.clear', onclick: () => clear() }),
  );

  const checked = (name: string) => [...form.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)].map((i) => i.value);
  const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
  const read = (): Filters => ({
    from: value('from'),
    to: value('to'),
    types: checked('type') as IncidentType[],
    subTypes: checked('subType'),
    actors: value('actor').split(',').map((a) => a.trim()).filter(Boolean),
    regions: value('admin1').split(',').map((a) => a.trim()).filter(Boolean),
    districts: value('admin2').split(',').map((a) => a.trim()).filter(Boolean),
    targets: checked('target') as Target[],
    verification: checked('verification') as VerificationLevel[],
    showRetracted: (form.elements.namedItem('retracted') as HTMLInputElement).checked,
  });

  // Sub-types depend on the chosen types; the ones still valid stay checked.
  const renderSubTypes = (types: IncidentType[], selected: string[]) => {
    const options = subTypesOf(types);
    replaceChildren(subTypeBox, ...(options.length
      ? options.map((subType) => checkbox('subType', 'subType', subType, selected.includes(subType)))
      : [h('p', { class: 'hint', 'data-i18n': 'filters.subTypeHint' })]));
  };
  renderSubTypes(initial.types, initial.subTypes);

  let last = JSON.stringify(initial);
  const emit = () => {
    const filters = read();
    if (JSON.stringify(filters) === last) return;
    last = JSON.stringify(filters);
    onChange(filters);
  };
  let typing: number | undefined;
  const changed = (event: Event) => {
    const target = event.target as HTMLInputElement;
    if (target.name === 'type') renderSubTypes(read().types, read().subTypes);
    clearTimeout(typing);
    if (event.type === 'input' && ['actor', 'admin1', 'admin2'].includes(target.name)) typing = window.setTimeout(emit, 500);
    else if (event.type === 'change') emit();
  };
  form.addEventListener('change', changed);
  form.addEventListener('input', changed);
  // Not a reset button: that would restore the filters the page was opened with.
  const clear = () => {
    for (const input of form.querySelectorAll('input')) {
      if (input.type === 'checkbox') input.checked = false;
      else input.value = '';
    }
    renderSubTypes([], []);
    emit();
  };
  container.append(form);
  // The names arrive after the form: suggestions show once they are loaded.
  actorInput.addEventListener('focus', () => void loadActorNames().then(() => actorInput.matches(':focus') && actorInput.dispatchEvent(new Event('focus'))), { once: true });
  return {
    /** A period chosen elsewhere (the chart): shown in the form, applied like a typed one. */
    setPeriod: (from, to) => {
      (form.elements.namedItem('from') as HTMLInputElement).value = from;
      (form.elements.namedItem('to') as HTMLInputElement).value = to;
      emit();
    },
  };
}
