import { createHash } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Role } from '#domain';
import type {} from '../auth/principal.js';
import { v4 as uuidv4, v5 as uuidv5 } from 'uuid';

/** Who issues a command, which command it is, and when — carried into every event's metadata. */
export interface CommandMetadata {
  userId: string;
  /** The issuer's roles, for the rules about whose records they may change (never stored). */
  roles: readonly Role[];
  commandId: string;
  correlationId: string;
  now: Date;
  /** Only when importing records kept before: when they were originally recorded. */
  recordedAt?: Date;
  /** With an `Idempotency-Key`: the hash of the request, kept in the events the key appended. */
  requestHash?: string;
}

const COMMANDS = '6f1c8a52-3f7e-4d0b-9a57-0c8e2f4b1d10';

/** Event ids follow from the command id, so a retried command offers the store the same ids. */
export const eventIdOf = (commandId: string, index: number) => uuidv5(`${commandId}:${index}`, COMMANDS);

/** The signed-in user (the access guard has checked the token before any handler runs). */
export const userIdOf = (request: Request) => request.principal?.username ?? 'anonymous';

/** What one `Idempotency-Key` binds: the route and the body. */
export const requestHashOf = (request: Request) =>
  createHash('sha256').update(`${request.method} ${request.path}\n${JSON.stringify(request.body ?? null)}`).digest('hex');

export function commandMetadataOf(request: Request): CommandMetadata {
  const userId = userIdOf(request);
  const key = request.header('idempotency-key')?.trim();
  // The same key from the same user on the same route is the same command.
  const commandId = key ? uuidv5(`${userId}|${request.method} ${request.path}|${key}`, COMMANDS) : uuidv4();
  const correlationId = request.header('x-correlation-id')?.trim() || commandId;
  const roles = request.principal?.roles ?? [];
  return { userId, roles, commandId, correlationId, now: new Date(), ...(key ? { requestHash: requestHashOf(request) } : {}) };
}

export const Issuer = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  commandMetadataOf(context.switchToHttp().getRequest<Request>()),
);
