import { createHash } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { v4 as uuidv4, v5 as uuidv5 } from 'uuid';
import { COMMAND_IDS, type CommandMetadata } from '../commands/command-metadata.js';
import type {} from './principal.js';
// Multer's `request.file`, which an upload's request hash includes.
import type {} from 'multer';

export type { CommandMetadata };

/** The signed-in user (the access guard has checked the token before any handler runs). */
export const userIdOf = (request: Request) => request.principal?.username ?? 'anonymous';

/** What one `Idempotency-Key` binds: the route, the body, and an uploaded evidence file's bytes. */
export function requestHashOf(request: Request): string {
  const hash = createHash('sha256').update(`${request.method} ${request.path}\n${JSON.stringify(request.body ?? null)}`);
  // A file held in memory (evidence); an import's upload is on disk under a made-up name, not hashed.
  if (request.file?.buffer) hash.update('\n').update(request.file.buffer);
  return hash.digest('hex');
}

export function commandMetadataOf(request: Request): CommandMetadata {
  const userId = userIdOf(request);
  const key = request.header('idempotency-key')?.trim();
  // The same key from the same user on the same route is the same command.
  const commandId = key ? uuidv5(`${userId}|${request.method} ${request.path}|${key}`, COMMAND_IDS) : uuidv4();
  const correlationId = request.header('x-correlation-id')?.trim() || commandId;
  const roles = request.principal?.roles ?? [];
  return { userId, roles, commandId, correlationId, now: new Date(), ...(key ? { requestHash: requestHashOf(request) } : {}) };
}

export const Issuer = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  commandMetadataOf(context.switchToHttp().getRequest<Request>()),
);
