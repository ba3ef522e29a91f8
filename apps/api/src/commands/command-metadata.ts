import type { Role } from '#domain';
import { v5 as uuidv5 } from 'uuid';

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

/** The UUID namespace of command and event ids. */
export const COMMAND_IDS = '6f1c8a52-3f7e-4d0b-9a57-0c8e2f4b1d10';

/** Event ids follow from the command id, so a retried command offers the store the same ids. */
export const eventIdOf = (commandId: string, index: number) => uuidv5(`${commandId}:${index}`, COMMAND_IDS);
