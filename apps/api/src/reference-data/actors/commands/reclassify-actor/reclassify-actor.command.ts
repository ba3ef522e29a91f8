import { Command } from '@nestjs/cqrs';
import type { AcledInter, ActorKind } from '#domain';
import type { AppendResult } from '#event-store';
import type { CommandMetadata } from '../../../../http/command-metadata.js';

export class ReclassifyActorCommand extends Command<AppendResult> {
  constructor(
    readonly actorId: string,
    readonly expectedVersion: number,
    readonly kind: ActorKind,
    readonly inter: AcledInter,
    readonly reason: string,
    readonly meta: CommandMetadata,
  ) {
    super();
  }
}
