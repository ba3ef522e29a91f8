import { readFile } from 'node:fs/promises';
import type { AcledInter, ActorKind } from '#domain';
import type { CommandBus } from '@nestjs/cqrs';
import { v5 as uuidv5 } from 'uuid';
import type { CommandMetadata } from '../http/command-metadata.js';
import { RegisterActorCommand } from '../reference-data/actors/commands/register-actor/register-actor.command.js';
import { RegisterAgreementCommand } from '../reference-data/agreements/commands/register-agreement/register-agreement.command.js';
import { AddCoalitionMemberCommand } from '../reference-data/coalitions/commands/add-coalition-member/add-coalition-member.command.js';
import { EndCoalitionMembershipCommand } from '../reference-data/coalitions/commands/end-coalition-membership/end-coalition-membership.command.js';
import { FormCoalitionCommand } from '../reference-data/coalitions/commands/form-coalition/form-coalition.command.js';

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
    return { userId: LOADER, commandId, correlationId: commandId, now };
  };
  for (const { id, note, citation, ...profile } of data.actors) {
    await commands.execute(new RegisterActorCommand(id, { ...profile, note: note ?? '', citation: citation ?? '' }, meta(`actor:${id}`)));
  }
  for (const { id, name, shortName, note, citation, memberships } of data.coalitions) {
    let { version } = await commands.execute(new FormCoalitionCommand(id, { name, shortName, note: note ?? '', citation: citation ?? '' }, meta(`coalition:${id}`)));
    for (const [i, membership] of memberships.entries()) {
      ({ version } = await commands.execute(new AddCoalitionMemberCommand(id, version, membership.actorId, membership.from, meta(`coalition:${id}:${i}:joined`))));
      if (membership.to) {
        ({ version } = await commands.execute(new EndCoalitionMembershipCommand(id, version, membership.actorId, membership.to, meta(`coalition:${id}:${i}:left`))));
      }
    }
  }
  for (const { id, notes, citation, ...terms } of data.agreements) {
    await commands.execute(new RegisterAgreementCommand(id, { ...terms, notes: notes ?? '', citation: citation ?? '' }, meta(`agreement:${id}`)));
  }
  return { actors: data.actors.length, coalitions: data.coalitions.length, agreements: data.agreements.length };
}
