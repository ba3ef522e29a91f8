import { HttpException, Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { DomainError } from '#domain';
import type { Request, Response } from 'express';
import { catchError, from, of, switchMap, type Observable } from 'rxjs';
import type { DataSource } from 'typeorm';
import { keyReused } from '../commands/execute-command.js';
import { READ_MODELS } from '../infrastructure/tokens.js';
import { requestHashOf, userIdOf } from './command-metadata.js';

interface Claim {
  request_hash: string;
  status: number | null;
  response: unknown;
}

/**
 * `Idempotency-Key`: a retry answers exactly as the first request did and appends nothing, and a
 * key is bound to one request for good. The key and the request's hash are claimed in one
 * INSERT before the command runs, so of any number of requests arriving together with one key
 * exactly one body can ever be accepted; the others get 422. The same hash also goes into the
 * events the command appends (see executeCommand), bound to the key in the append's transaction.
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
    const hash = requestHashOf(request);

    return from(this.claim(userId, scopedKey, hash)).pipe(
      switchMap((earlier) => {
        if (earlier && earlier.request_hash !== hash) throw keyReused();
        if (earlier?.status != null) {
          response.status(earlier.status).setHeader('Idempotent-Replay', 'true');
          return of(earlier.response);
        }
        // Claimed now, or claimed by a copy of this very request still running: the events'
        // ids follow from the key, so running it again appends nothing twice.
        return next.handle().pipe(
          switchMap(async (body: unknown) => {
            await this.db.query(
              'UPDATE idempotent_requests SET status = $3, response = $4 WHERE user_id = $1 AND key = $2 AND status IS NULL',
              [userId, scopedKey, response.statusCode, JSON.stringify(body)],
            );
            return body;
          }),
          catchError(async (error: unknown) => {
            // Refused (nothing appended): the key is free again. After any other failure the
            // outcome is unknown, so the key stays bound to this request.
            if (error instanceof DomainError || (error instanceof HttpException && error.getStatus() < 500)) {
              await this.db.query('DELETE FROM idempotent_requests WHERE user_id = $1 AND key = $2 AND status IS NULL AND request_hash = $3', [
                userId,
                scopedKey,
                hash,
              ]);
            }
            throw error;
          }),
        );
      }),
    );
  }

  /** Claims the key for this request; answers the earlier claim when there is one. */
  private async claim(userId: string, key: string, hash: string): Promise<Claim | undefined> {
    const claimed: unknown[] = await this.db.query(
      `INSERT INTO idempotent_requests (key, user_id, request_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`,
      [key, userId, hash],
    );
    if (claimed.length) return undefined;
    const [earlier]: Claim[] = await this.db.query('SELECT request_hash, status, response FROM idempotent_requests WHERE user_id = $1 AND key = $2', [
      userId,
      key,
    ]);
    // Released meanwhile by a refused request: claim again.
    return earlier ?? this.claim(userId, key, hash);
  }
}
