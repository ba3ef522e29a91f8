import { createHash } from 'node:crypto';
import { HttpException, Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { from, of, switchMap, type Observable } from 'rxjs';
import type { DataSource } from 'typeorm';
import { READ_MODELS } from '../infrastructure/tokens.js';
import { userIdOf } from './command-metadata.js';

/**
 * `Idempotency-Key`: a retry answers exactly as the first request did and appends nothing.
 * The events themselves are safe without this table (their ids follow from the key); the table
 * returns the same body, and refuses the key reused for a different request.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(@Inject(READ_MODELS) private readonly db: DataSource) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const key = request.header('idempotency-key')?.trim();
    if (!key) return next.handle();
    const userId = userIdOf(request);
    const scopedKey = `${request.method} ${request.path} ${key}`;
    const hash = createHash('sha256').update(JSON.stringify(request.body ?? null)).digest('hex');

    return from(
      this.db.query('SELECT request_hash, status, response FROM idempotent_requests WHERE user_id = $1 AND key = $2', [userId, scopedKey]),
    ).pipe(
      switchMap((rows: { request_hash: string; status: number; response: unknown }[]) => {
        const earlier = rows[0];
        if (earlier && earlier.request_hash !== hash) {
          throw new HttpException(
            { statusCode: 422, error: 'idempotency_key_reused', message: 'this Idempotency-Key was used for a different request' },
            422,
          );
        }
        if (earlier) {
          response.status(earlier.status).setHeader('Idempotent-Replay', 'true');
          return of(earlier.response);
        }
        return next.handle().pipe(
          switchMap(async (body: unknown) => {
            await this.db.query(
              `INSERT INTO idempotent_requests (key, user_id, request_hash, status, response) VALUES ($1, $2, $3, $4, $5)
               ON CONFLICT DO NOTHING`,
              [scopedKey, userId, hash, response.statusCode, JSON.stringify(body)],
            );
            return body;
          }),
        );
      }),
    );
  }
}
