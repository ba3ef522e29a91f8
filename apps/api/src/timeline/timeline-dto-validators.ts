import { isMoment } from '#domain';
import { isUUID, registerDecorator, type ValidationOptions } from 'class-validator';
import { parseIsoDuration } from './iso-duration.js';

/** An ISO-8601 duration such as P7D, P2W, PT12H. */
export function IsIsoDuration(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isIsoDuration',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be an ISO-8601 duration such as P7D, P2W or PT12H (at most 100 years)`, ...options },
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'string') return false;
          try {
            parseIsoDuration(value);
            return true;
          } catch {
            return false;
          }
        },
      },
    });
}

/** A date, a date-time, or an incident id. */
export function IsTimelineAnchor(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isTimelineAnchor',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a date (YYYY-MM-DD), a date-time or an incident id`, ...options },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && (isUUID(value) || isMoment(value)),
      },
    });
}
