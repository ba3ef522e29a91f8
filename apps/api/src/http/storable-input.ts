import { BadRequestException, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { MAX_TEXT, UNSTORABLE_TEXT_MESSAGE, isStorableText } from '#domain';
import type { NextFunction, Request, Response } from 'express';

/** Deeper than any DTO (a report is 3 levels): refused before anything walks it recursively. */
export const MAX_JSON_DEPTH = 16;

/**
 * Keys that would reach an object's prototype. JSON.parse makes them own keys, which the DTO
 * whitelist does not see once class-transformer has dropped them, so they are refused by name.
 */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Headers whose value is kept (in events' metadata, in the idempotency table), with their longest length. */
const STORED_HEADERS: [string, number][] = [
  ['x-correlation-id', MAX_TEXT.id],
  ['idempotency-key', MAX_TEXT.name],
];

const problem = (field: string, message: string) => ({
  statusCode: 400,
  error: 'validation_failed',
  message: `${field} ${message}`,
  errors: [{ field, messages: [`${field} ${message}`] }],
});

const join = (path: string, key: string | number) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

/**
 * The first reason this parsed input could not be kept — text with NUL or a lone surrogate, a
 * key naming a prototype, nesting deeper than MAX_JSON_DEPTH — with the path of the field.
 * Iterative, so a body nested 5,000 deep costs no stack.
 */
export function unstorableField(value: unknown, root = ''): { field: string; message: string } | undefined {
  const pending: [unknown, string, number][] = [[value, root, 0]];
  while (pending.length) {
    const [item, path, depth] = pending.pop()!;
    if (typeof item === 'string') {
      if (!isStorableText(item)) return { field: path || 'body', message: UNSTORABLE_TEXT_MESSAGE };
      continue;
    }
    if (item === null || typeof item !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) return { field: path, message: `is nested deeper than ${MAX_JSON_DEPTH} levels` };
    const entries: [string | number, unknown][] = Array.isArray(item) ? item.map((v, i) => [i, v]) : Object.keys(item).map((k) => [k, (item as Record<string, unknown>)[k]]);
    for (const [key, child] of entries) {
      const field = join(path, key);
      if (typeof key === 'string') {
        if (PROTOTYPE_KEYS.has(key)) return { field, message: 'is not an allowed field' };
        if (!isStorableText(key)) return { field: join(path, JSON.stringify(key)), message: `is a field name that ${UNSTORABLE_TEXT_MESSAGE}` };
      }
      pending.push([child, field, depth + 1]);
    }
  }
  return undefined;
}

/** Refuses, before any guard, interceptor or handler sees it, a body, query or stored header the record could not keep. */
export function refuseUnstorableInput(request: Request, response: Response, next: NextFunction) {
  const found = unstorableField(request.body) ?? unstorableField(request.query);
  if (found) return response.status(400).json(problem(found.field, found.message));
  for (const [header, maxLength] of STORED_HEADERS) {
    const value = request.header(header);
    if (value !== undefined && (value.length > maxLength || !PRINTABLE_ASCII.test(value))) {
      return response.status(400).json(problem(header, `must be at most ${maxLength} printable ASCII characters`));
    }
  }
  next();
}

/** Path parameters are decoded after the middleware ran: checked here, by name. */
export class StorablePathParams implements PipeTransform {
  transform(value: unknown, { type, data }: ArgumentMetadata) {
    if (type !== 'param') return value;
    const found = unstorableField(value, data ?? 'path');
    if (found) throw new BadRequestException(problem(found.field, found.message));
    return value;
  }
}
