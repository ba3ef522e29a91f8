import { agreementDecider, agreementStreamId, incidentDecider, incidentStreamId, type ReviewFacts } from '#domain';
import type { EventStore } from '#event-store';
import { readState } from '../commands/execute-command.js';
import { unregisteredActors } from '../commands/unregistered-actors.js';

/**
 * What a decision about a review needs from other streams, read from the store itself (not a
 * read model): the incident's day and status, the agreement's date of effect and signatories,
 * and which of the named parties are not registered actors.
 */
export async function gatherReviewFacts(store: EventStore, incidentId: string, agreementId: string, actorIds: readonly string[]): Promise<ReviewFacts> {
  const [incident, agreement, unknownActors] = await Promise.all([
    readState(store, incidentDecider, incidentStreamId(incidentId)),
    readState(store, agreementDecider, agreementStreamId(agreementId)),
    unregisteredActors(store, actorIds),
  ]);
  return {
    incident: incident.status === 'unreported' ? { status: 'unreported' } : { status: incident.status, occurredAt: incident.details.occurredAt },
    agreement: agreement.status === 'unsigned' ? { status: 'unsigned' } : { status: 'signed', inForceFrom: agreement.inForceFrom, parties: agreement.parties },
    unknownActors,
  };
}
