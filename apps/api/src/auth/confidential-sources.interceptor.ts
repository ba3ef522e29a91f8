import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { can, CONFIDENTIAL_REFERENCE } from '#domain';
import type { Request } from 'express';
import { map, type Observable } from 'rxjs';

/**
 * For a user who may not read confidential sources, every source marked confidential in any
 * JSON answer — a record, an amendment in a history, a diff — loses its reference, and every
 * confidential piece of evidence its caption. One place for
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

/**
 * Any source-shaped object marked confidential, wherever it sits (a record, a history, a diff).
 * Copies only what it changes: the rest of an answer is returned as it is, so a large answer
 * without confidential sources costs a walk, not a copy.
 */
export function redactConfidentialSources(value: unknown): unknown {
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const redacted = redactConfidentialSources(value[i]);
      if (redacted !== value[i]) (copy ??= value.slice())[i] = redacted;
    }
    return copy ?? value;
  }
  if (!value || typeof value !== 'object' || value instanceof Date || Buffer.isBuffer(value)) return value;
  const object = value as Record<string, unknown>;
  if (object.confidential === true && typeof object.reference === 'string') return { ...object, reference: CONFIDENTIAL_REFERENCE };
  // Confidential evidence: that it exists shows, what it shows does not (its bytes are refused apart).
  if (object.confidential === true && typeof object.evidenceId === 'string' && typeof object.caption === 'string') {
    return { ...object, caption: CONFIDENTIAL_REFERENCE };
  }
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(object)) {
    const redacted = redactConfidentialSources(object[key]);
    if (redacted !== object[key]) (copy ??= { ...object })[key] = redacted;
  }
  return copy ?? object;
}
