import { DURATION_FORMS, isDuration, isMoment } from '#domain';
import { isUUID, registerDecorator, type ValidationOptions } from 'class-validator';

/** An ISO-8601 duration such as P7D, P2W, PT12H. */
export function IsIsoDuration(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isIsoDuration',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be ${DURATION_FORMS}`, ...options },
      validator: { validate: isDuration },
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
