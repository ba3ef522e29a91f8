import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { can } from '#domain';
import type { Request } from 'express';
import { map, type Observable } from 'rxjs';

export const CONFIDENTIAL_REFERENCE = '[confidential]';

/**
 * For a user who may not read confidential sources, every source marked confidential in any
 * JSON answer — a record, an amendment in a history, a diff — loses its reference. One place for
 * every endpoint, so a new endpoint cannot forget it. (CSV exports leave confidential sources out.)
 */
@Injectable()
export class ConfidentialSourcesInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const principal = context.switchToHttp().getRequest<Request>().principal;
    if (principal && can(principal.roles, 'sources:read-confidential')) return next.handle();
    return next.handle().pipe(map(redactConfidentialSources));
  }
}

/** Any source-shaped object marked confidential, wherever it sits (a record, a history, a diff). */
export function redactConfidentialSources(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactConfidentialSources);
  if (!value || typeof value !== 'object' || value instanceof Date || Buffer.isBuffer(value)) return value;
  const object = value as Record<string, unknown>;
  if (object.confidential === true && typeof object.reference === 'string') return { ...object, reference: CONFIDENTIAL_REFERENCE };
  return Object.fromEntries(Object.entries(object).map(([key, inner]) => [key, redactConfidentialSources(inner)]));
}
