import { applyDecorators, Get } from '@nestjs/common';
import { ApiOperation, ApiQuery } from '@nestjs/swagger';
import { Requires } from '../auth/access.decorators.js';

/** The list of a kind of reference data: for anyone who may read it, after the caller's own writes (`minPosition`). */
export function ListsReferenceData(summary: string) {
  return applyDecorators(Requires('reference:read'), Get(), ApiOperation({ summary }), ApiQuery({ name: 'minPosition', required: false }));
}
