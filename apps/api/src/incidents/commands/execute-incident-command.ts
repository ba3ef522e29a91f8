import {
  decideIncident,
  evolveIncident,
  incidentStreamId,
  initialIncidentState,
  type Decider,
  type IncidentCommand,
  type IncidentEvent,
  type IncidentState,
} from '#domain';
import type { AppendResult, EventStore } from '#event-store';
import type { CommandMetadata } from '../../http/command-metadata.js';
import { executeCommand, type CommandOptions } from '../../commands/execute-command.js';

export type IncidentCommandOptions = CommandOptions;

export const incidentDecider: Decider<IncidentCommand, IncidentEvent, IncidentState> = {
  decide: decideIncident,
  evolve: evolveIncident,
  initialState: initialIncidentState,
};

/** An incident command on the incident's stream (see executeCommand). */
export function executeIncidentCommand(
  store: EventStore,
  command: IncidentCommand,
  meta: CommandMetadata,
  options: IncidentCommandOptions = {},
): Promise<AppendResult> {
  return executeCommand(store, incidentDecider, incidentStreamId(command.data.incidentId), command, meta, options);
}
