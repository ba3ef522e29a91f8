import type { AmendIncident, AttachEvidence, EraseEvidence, EraseSource, ReportIncident, RetractIncident, SetVerification } from '#domain';
import type { CommandMetadata } from '../commands/command-metadata.js';
import type { CommandOptions } from '../commands/execute-command.js';
import { RecordCommand, type Asked } from '../commands/record-command.js';

/** A retraction as asked: the duplicated incident by id (its handler reads its status). */
type AskedRetraction = { type: 'RetractIncident'; data: Omit<RetractIncident['data'], 'duplicateOf'> & { duplicateOf?: string } };

/** The incident commands as users ask for them; the handler adds which actors are not registered. */
export type AskedIncidentCommand =
  | Asked<ReportIncident | AmendIncident, 'unknownActors'>
  | SetVerification
  | AskedRetraction
  | EraseSource
  | AttachEvidence
  | EraseEvidence;

export class RecordIncidentCommand extends RecordCommand<AskedIncidentCommand> {
  constructor(
    command: AskedIncidentCommand,
    metadata: CommandMetadata,
    options: CommandOptions = {},
    /** With AttachEvidence: the bytes to keep (the copy without metadata when it was stripped). */
    readonly file?: Buffer,
  ) {
    super(command, metadata, options);
  }
}
