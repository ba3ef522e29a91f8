import { ValidationError } from '../errors.js';
import { isCalendarDate } from '../calendar.js';
import { UNSTORABLE_TEXT_MESSAGE, isStorableText } from '../text.js';

const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function fail(field: string, code: string, message: string): never {
  throw new ValidationError(code, message, field);
}

/** Reference ids are readable slugs (`mnla`, `kidal-ceasefire-2014`): incidents and imports name them. */
export function checkSlug(field: string, value: unknown): void {
  if (typeof value !== 'string' || !SLUG.test(value)) {
    fail(field, 'bad_id', `${field} must be lower-case letters, digits and dashes (at most 64), e.g. kidal-ceasefire-2014`);
  }
}

export function requireText(field: string, value: unknown, max = 2000): string {
  if (typeof value !== 'string' || !value.trim()) fail(field, 'required', `${field} is required`);
  if (value.trim().length > max) fail(field, 'too_long', `${field} must be at most ${max} characters`);
  if (!isStorableText(value)) fail(field, 'unstorable_text', `${field} ${UNSTORABLE_TEXT_MESSAGE}`);
  return value.trim();
}

export function optionalText(field: string, value: unknown, max = 2000): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') fail(field, 'not_text', `${field} must be text`);
  if (value.trim().length > max) fail(field, 'too_long', `${field} must be at most ${max} characters`);
  if (!isStorableText(value)) fail(field, 'unstorable_text', `${field} ${UNSTORABLE_TEXT_MESSAGE}`);
  return value.trim();
}

export function requireDate(field: string, value: unknown): string {
  if (!isCalendarDate(value)) fail(field, 'bad_date', `${field} must be a real date written YYYY-MM-DD`);
  return value;
}

/** Distinct, non-empty, trimmed; `caseInsensitive` for names (aliases), not for ids. */
export function distinctTexts(field: string, values: unknown, { caseInsensitive = false, max = 200 } = {}): string[] {
  if (!Array.isArray(values)) fail(field, 'not_a_list', `${field} must be a list`);
  const seen = new Set<string>();
  return values.map((value, i) => {
    const text = requireText(`${field}[${i}]`, value, max);
    const key = caseInsensitive ? text.toLowerCase() : text;
    if (seen.has(key)) fail(`${field}[${i}]`, 'repeated', `${field} names ${text} twice`);
    seen.add(key);
    return text;
  });
}
