import { readFile } from 'node:fs/promises';
import type { AcledInter, ActorKind } from '#domain';
import type { CommandBus } from '@nestjs/cqrs';
import { v5 as uuidv5 } from 'uuid';
import type { CommandMetadata } from '../http/command-metadata.js';
import { RecordActorCommand } from '../reference-data/actors/actor.command.js';
import { RecordAgreementCommand } from '../reference-data/agreements/agreement.command.js';
import { RecordCoalitionCommand } from '../reference-data/coalitions/coalition.command.js';

/** `data/actors.json`: built from shared/domain/mali-2012-2015.md, with sources. */
export interface ReferenceDataFile {
  actors: { id: string; name: string; shortName: string; aliases: string[]; kind: ActorKind; inter: AcledInter; note?: string; citation?: string }[];
  coalitions: {
    id: string;
    name: string;
    shortName: string;
    note?: string;
    citation?: string;
    memberships: { actorId: string; from: string; to: string | null }[];
  }[];
  agreements: { id: string; name: string; signedOn: string; inForceFrom: string; parties: string[]; notes?: string; citation?: string }[];
}

const REFERENCE = 'e7b3c1d9-2a6f-4b8e-9c05-f1d2a3b4c5d6';
const LOADER = 'reference-data';

export async function readReferenceData(file: string): Promise<ReferenceDataFile> {
  return JSON.parse(await readFile(file, 'utf8')) as ReferenceDataFile;
}

/**
 * Replays the reference data file through the ordinary commands, so actors, coalitions and
 * agreements are streams like any other. Command ids follow from the file: loading twice
 * appends nothing new.
 */
export async function loadReferenceData(commands: CommandBus, data: ReferenceDataFile, now = new Date()): Promise<{ actors: number; coalitions: number; agreements: number }> {
  const meta = (key: string): CommandMetadata => {
    const commandId = uuidv5(key, REFERENCE);
    return { userId: LOADER, roles: ['admin'], commandId, correlationId: commandId, now };
  };
  for (const { id, note, citation, ...profile } of data.actors) {
    const actor = { actorId: id, profile: { ...profile, note: note ?? '', citation: citation ?? '' } };
    await commands.execute(new RecordActorCommand({ type: 'RegisterActor', data: actor }, meta(`actor:${id}`)));
  }
  for (const { id, name, shortName, note, citation, memberships } of data.coalitions) {
    const profile = { name, shortName, note: note ?? '', citation: citation ?? '' };
    let { version } = await commands.execute(new RecordCoalitionCommand({ type: 'FormCoalition', data: { coalitionId: id, profile } }, meta(`coalition:${id}`)));
    for (const [i, { actorId, from, to }] of memberships.entries()) {
      const joined = new RecordCoalitionCommand({ type: 'AddCoalitionMember', data: { coalitionId: id, actorId, from } }, meta(`coalition:${id}:${i}:joined`), {
        expectedVersion: version,
      });
      ({ version } = await commands.execute(joined));
      if (to) {
        const left = new RecordCoalitionCommand({ type: 'EndCoalitionMembership', data: { coalitionId: id, actorId, on: to } }, meta(`coalition:${id}:${i}:left`), {
          expectedVersion: version,
        });
        ({ version } = await commands.execute(left));
      }
    }
  }
  for (const { id, notes, citation, ...terms } of data.agreements) {
    const agreement = { agreementId: id, terms: { ...terms, notes: notes ?? '', citation: citation ?? '' } };
    await commands.execute(new RecordAgreementCommand({ type: 'RegisterAgreement', data: agreement }, meta(`agreement:${id}`)));
  }
  return { actors: data.actors.length, coalitions: data.coalitions.length, agreements: data.agreements.length };
}
