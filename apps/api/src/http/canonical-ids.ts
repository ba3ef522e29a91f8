import { BadRequestException, applyDecorators, type PipeTransform } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsUUID, isUUID } from 'class-validator';

const lowerCase = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value);

/** A UUID in a body or query, lower-cased: one incident, one spelling, one stream. */
export const CanonicalUuid = () => applyDecorators(Transform(lowerCase), IsUUID());

/** A UUID in the path, lower-cased; anything else is a 400 naming the parameter. */
export const uuidParam = (field = 'id'): PipeTransform<string, string> => ({
  transform(value: string) {
    if (!isUUID(value)) {
      throw new BadRequestException({ code: 'validation_failed', detail: `${field} must be a UUID`, errors: [{ field, messages: [`${field} must be a UUID`] }] });
    }
    return value.toLowerCase();
  },
});
