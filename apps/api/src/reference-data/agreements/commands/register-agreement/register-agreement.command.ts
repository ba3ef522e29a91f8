import { Command } from '@nestjs/cqrs';
import type { AgreementTerms } from '#domain';
import type { AppendResult } from '#event-store';
import type { CommandMetadata } from '../../../../http/command-metadata.js';

export class RegisterAgreementCommand extends Command<AppendResult & { id: string }> {
  constructor(
    readonly agreementId: string,
    readonly terms: AgreementTerms,
    readonly meta: CommandMetadata,
  ) {
    super();
  }
}
