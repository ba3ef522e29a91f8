import { Command } from '@nestjs/cqrs';
import type { AppendResult } from '#event-store';
import type { CommandMetadata } from './command-metadata.js';
import type { CommandOptions } from './execute-command.js';

/**
 * A domain command as a user asks for it: the domain's own type, less the facts (`Facts`) that
 * its handler reads from other streams or read models before deciding.
 */
export type Asked<C extends { type: string; data: object }, Facts extends PropertyKey = never> = C extends unknown
  ? { type: C['type']; data: Omit<C['data'], Facts> }
  : never;

/**
 * One aggregate's commands on the command bus: the command as the domain names it, who issues
 * it, and the version the client saw. Nest routes by class, so each aggregate subclasses this once.
 */
export abstract class RecordCommand<C, Result = AppendResult> extends Command<Result> {
  constructor(
    readonly command: C,
    readonly metadata: CommandMetadata,
    readonly options: CommandOptions = {},
  ) {
    super();
  }
}
