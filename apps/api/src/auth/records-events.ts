import { applyDecorators, HttpCode, Patch, Post, UseInterceptors } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { Permission } from '#domain';
import { IdempotencyInterceptor } from '../http/idempotency.interceptor.js';
import { Requires } from './access.decorators.js';

/**
 * An endpoint that records events: who may call it, its route, its summary in the OpenAPI
 * description, and the Idempotency-Key that makes a retried request append once. A POST to the
 * collection creates a record (201); any other change answers 200.
 */
export function RecordsEvents(permission: Permission, method: 'POST' | 'PATCH', path: string, summary: string) {
  const creates = method === 'POST' && path === '';
  return applyDecorators(
    Requires(permission),
    method === 'POST' ? Post(path) : Patch(path),
    HttpCode(creates ? 201 : 200),
    ApiOperation({ summary }),
    UseInterceptors(IdempotencyInterceptor),
  );
}
