import { BadRequestException, ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';

export interface FieldError {
  field: string;
  messages: string[];
}

/** `location.lat`, `actors[1].role`: the path a client can put beside the right input. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints).map((m) => rename(m, error.property, field)) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

// class-validator names the last path segment only ("lat must be ..."); say the whole path.
function rename(message: string, property: string, field: string): string {
  return message.startsWith(`${property} `) ? `${field}${message.slice(property.length)}` : message;
}

/** Whitelisting, unknown fields refused, and errors that name the field. */
export const strictValidationPipe = () =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fields = flattenValidationErrors(errors);
      return new BadRequestException({
        code: 'validation_failed',
        detail: fields.flatMap((f) => f.messages).join('; '),
        errors: fields,
      });
    },
  });
