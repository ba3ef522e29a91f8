import type { AgreementCommand } from '#domain';
import { RecordCommand, type Asked } from '../../commands/record-command.js';

/** The agreement commands as users ask for them; the handler adds which parties are not registered actors. */
export type AskedAgreementCommand = Asked<AgreementCommand, 'unknownParties'>;

export class RecordAgreementCommand extends RecordCommand<AskedAgreementCommand> {}
