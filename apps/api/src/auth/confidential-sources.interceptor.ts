import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { can } from '#domain';
import type { Request } from 'express';
import { map, type Observable } from 'rxjs';

export const CONFIDENTIAL_REFERENCE = '[confidential]';

/**
 * For a user who may not read confidential sources, every source marked confidential in any
 * answer — a record, an amendment in a history, a timeline entry — loses its reference. One
 * place for every endpoint, so a new endpoint cannot forget it.
 */
@Injectable()
export class ConfidentialSourcesInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const principal = context.switchToHttp().getRequest<Request>().principal;
    if (principal && can(principal.roles, 'sources:read-confidential')) return next.handle();
    return next.handle().pipe(map(redactConfidentialSources));
  }
}

export function redactConfidentialSources(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactConfidentialSources);
  if (!value || typeof value !== 'object' || value instanceof Date || Buffer.isBuffer(value)) return value;
  const entries = Object.entries(value).map(([key, inner]) => {
    if (key === 'sources' && Array.isArray(inner)) {
      return [key, inner.map((s) => (s && typeof s === 'object' && (s as { confidential?: boolean }).confidential ? { ...s, reference: CONFIDENTIAL_REFERENCE } : redactConfidentialSources(s)))];
    }
    return [key, redactConfidentialSources(inner)];
  });
  return Object.fromEntries(entries);
}
