import type { MessageKey } from './en.js';
import { preferredLanguage, translate, translateCode, translatePlural, type Lang, type Params, type Vocabulary } from './translate.js';

export type { Lang, MessageKey, Vocabulary };
export { LANGUAGES } from './translate.js';

const STORAGE_KEY = 'tracker.lang';
let current: Lang = preferredLanguage(localStorage.getItem(STORAGE_KEY), navigator.languages ?? [navigator.language]);
const listeners = new Set<() => void>();

export const language = (): Lang => current;
export const t = (key: MessageKey, params?: Params) => translate(current, key, params);
export const tPlural = (base: string, count: number, params?: Params) => translatePlural(current, base, count, params);
export const label = (vocabulary: Vocabulary, code: string) => translateCode(current, vocabulary, code);

export function setLanguage(lang: Lang): void {
  current = lang;
  localStorage.setItem(STORAGE_KEY, lang);
  applyTranslations(document);
  listeners.forEach((listener) => listener());
}

/** Components that render text with parameters re-render on a language change. */
export function onLanguageChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const TRANSLATED = '[data-i18n],[data-i18n-placeholder],[data-i18n-title],[data-i18n-aria-label],[data-label]';

/**
 * Static text is marked in the DOM (`data-i18n`, `data-i18n-placeholder`, `data-label`, …) and
 * re-translated in place, so switching language keeps whatever a monitor has typed into a form.
 */
export function applyTranslations(root: Document | Element): void {
  if (root instanceof Document) {
    root.documentElement.lang = current;
    root.title = t('app.title');
  }
  root.querySelectorAll<HTMLElement>(TRANSLATED).forEach(translateElement);
}

export function translateElement(element: HTMLElement): void {
  const { i18n, i18nPlaceholder, i18nTitle, i18nAriaLabel, label: code } = element.dataset;
  if (i18n) element.textContent = t(i18n as MessageKey);
  if (i18nPlaceholder) element.setAttribute('placeholder', t(i18nPlaceholder as MessageKey));
  if (i18nTitle) element.setAttribute('title', t(i18nTitle as MessageKey));
  if (i18nAriaLabel) element.setAttribute('aria-label', t(i18nAriaLabel as MessageKey));
  if (code) {
    const [vocabulary, value] = code.split(':');
    element.textContent = label(vocabulary as Vocabulary, value);
  }
}

/** `occurredAt` is a calendar date (or a date-time with its own offset): show it in UTC. */
export function formatOccurred(occurredAt: string): string {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(occurredAt);
  const date = new Date(dateOnly ? `${occurredAt}T00:00:00Z` : occurredAt);
  if (Number.isNaN(date.getTime())) return occurredAt;
  return new Intl.DateTimeFormat(current, dateOnly ? { dateStyle: 'long', timeZone: 'UTC' } : { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(date);
}

export function formatTimestamp(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(current, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export const formatNumber = (value: number) => new Intl.NumberFormat(current).format(value);
