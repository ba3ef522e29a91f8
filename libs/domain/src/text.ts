import { ValidationError } from './errors.js';

/**
 * Text the record can keep: PostgreSQL refuses NUL in `text` and `jsonb`, and a lone UTF-16
 * surrogate has no UTF-8 form, so either would be an event no projection can ever store.
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what is looked for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const isStorableText = (value: string): boolean => !UNSTORABLE.test(value);

export const UNSTORABLE_TEXT_MESSAGE = 'must not contain a NUL character or a lone UTF-16 surrogate';

/** Text every read model can store, at most `max` characters; `required`: not blank either. */
export function checkText(field: string, value: unknown, max: number, required = true): asserts value is string {
  const fail = (code: string, message: string) => {
    throw new ValidationError(code, message, field);
  };
  if (typeof value !== 'string') return fail('not_text', `${field} must be text`);
  if (required && !value.trim()) fail('required', `${field} is required`);
  if (value.length > max) fail('too_long', `${field} must be at most ${max} characters`);
  if (!isStorableText(value)) fail('unstorable_text', `${field} ${UNSTORABLE_TEXT_MESSAGE}`);
}
