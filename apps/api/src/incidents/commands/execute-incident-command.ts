import {
  decideIncident,
  foldIncident,
  incidentStreamId,
  type IncidentCommand,
  type IncidentEvent,
} from '#domain';
import { StreamVersionConflictError, type AppendResult, type EventStore } from '#event-store';
import { eventIdOf, type CommandMetadata } from '../../http/command-metadata.js';

export interface IncidentCommandOptions {
  /** The version the client saw; absent for a report (the stream must not exist). */
  expectedVersion?: number;
  reason?: string;
}

/**
 * Read the incident's stream, fold, decide, append at the version read. A command already
 * applied (same command id, i.e. a retried request) answers as it did the first time.
 */
export async function executeIncidentCommand(
  store: EventStore,
  command: IncidentCommand,
  meta: CommandMetadata,
  options: IncidentCommandOptions = {},
): Promise<AppendResult> {
  const streamId = incidentStreamId(command.data.incidentId);
  const recorded = await store.readStream(streamId);
  const earlier = recorded.filter((e) => e.metadata.commandId === meta.commandId);
  if (earlier.length) return { version: earlier[earlier.length - 1].version, position: earlier[earlier.length - 1].position };

  const current = recorded.length;
  if (options.expectedVersion !== undefined && options.expectedVersion !== current) {
    throw new StreamVersionConflictError(streamId, options.expectedVersion, current);
  }
  const state = foldIncident(recorded as unknown as IncidentEvent[]);
  const decided = decideIncident(command, state, { now: meta.now });
  return store.append(
    streamId,
    decided.map((event, index) => ({
      id: eventIdOf(meta.commandId, index),
      type: event.type,
      data: event.data as never,
      metadata: {
        userId: meta.userId,
        commandId: meta.commandId,
        correlationId: meta.correlationId,
        ...(options.reason ? { reason: options.reason } : {}),
      },
    })),
    { expected: current === 0 ? 'no_stream' : current, recordedAt: meta.recordedAt },
  );
}
