import type { AmendIncident, EraseSource, ReportIncident, RetractIncident, SetVerification } from '#domain';
import { RecordCommand, type Asked } from '../commands/record-command.js';

/** A retraction as asked: the duplicated incident by id (its handler reads its status). */
type AskedRetraction = { type: 'RetractIncident'; data: Omit<RetractIncident['data'], 'duplicateOf'> & { duplicateOf?: string } };

/** The incident commands as users ask for them; the handler adds which actors are not registered. */
export type AskedIncidentCommand = Asked<ReportIncident | AmendIncident, 'unknownActors'> | SetVerification | AskedRetraction | EraseSource;

export class RecordIncidentCommand extends RecordCommand<AskedIncidentCommand> {}
