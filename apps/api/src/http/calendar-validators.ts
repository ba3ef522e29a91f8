import { EARLIEST_YEAR, LATEST_YEAR, MOMENT_FORMS, isCalendarDate, isMoment } from '#domain';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/** A day or a date-time with offset, read by the domain's one date parser. */
export const IsMoment = (options?: ValidationOptions) =>
  ValidateBy({ name: 'isMoment', validator: { validate: isMoment, defaultMessage: (args) => `${args?.property} must be ${MOMENT_FORMS}` } }, options);

/** A day, `YYYY-MM-DD`, read by the domain's one date parser. */
export const IsDay = (options?: ValidationOptions) =>
  ValidateBy(
    { name: 'isDay', validator: { validate: isCalendarDate, defaultMessage: (args) => `${args?.property} must be a day, YYYY-MM-DD, years ${EARLIEST_YEAR}–${LATEST_YEAR}` } },
    options,
  );
