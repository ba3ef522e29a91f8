import { Command } from '@nestjs/cqrs';
import type { AppendResult } from '#event-store';
import type { CommandMetadata } from '../../../http/command-metadata.js';

export class EraseSourceCommand extends Command<AppendResult> {
  constructor(
    readonly incidentId: string,
    readonly sourceId: string,
    readonly meta: CommandMetadata,
  ) {
    super();
  }
}
