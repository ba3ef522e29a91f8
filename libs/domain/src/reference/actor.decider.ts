import type { Decider } from '../decider.js';
import { IllegalStateError, NotFoundError, ValidationError } from '../errors.js';
import type { DecisionContext } from '../incident/incident.commands.js';
import { ACLED_INTER_CODES, ACTOR_KINDS, type AcledInter, type ActorKind, type ActorProfile, type ActorState } from './actor.js';
import type { ActorCommand, AliasesInUse } from './actor.commands.js';
import type { ActorEvent } from './actor.events.js';
import { checkSlug, distinctTexts, fail, optionalText, requireText } from './reference.rules.js';

export const initialActorState = (): ActorState => ({ status: 'unregistered' });

export function evolveActor(state: ActorState, event: ActorEvent): ActorState {
  switch (event.type) {
    case 'ActorRegistered': {
      const { actorId, ...profile } = event.data;
      return { status: 'registered', id: actorId, ...profile };
    }
    case 'ActorRenamed':
      if (state.status === 'unregistered') return state;
      return { ...state, name: event.data.to.name, shortName: event.data.to.shortName };
    case 'ActorAliasAdded':
      if (state.status === 'unregistered') return state;
      return { ...state, aliases: [...state.aliases, event.data.alias] };
    case 'ActorReclassified':
      if (state.status === 'unregistered') return state;
      return { ...state, kind: event.data.to.kind, inter: event.data.to.inter };
    case 'ActorConfirmed':
      if (state.status === 'unregistered') return state;
      return { ...state, provisional: false };
    case 'ActorMerged':
      if (state.status === 'unregistered') return state;
      return { ...state, mergedInto: event.data.into };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

export function decideActor(command: ActorCommand, state: ActorState, _context: DecisionContext): ActorEvent[] {
  if (command.type === 'RegisterActor') {
    checkSlug('id', command.data.actorId);
    if (state.status !== 'unregistered') throw new IllegalStateError('actor_exists', `actor ${command.data.actorId} is already registered`);
    const profile = checkProfile(command.data.profile);
    profile.aliases.forEach((alias, i) => checkAliasFree(`aliases[${i}]`, alias, command.data.actorId, command.data.aliasesInUse));
    return [{ type: 'ActorRegistered', data: { actorId: command.data.actorId, ...profile } }];
  }

  if (state.status === 'unregistered') throw new NotFoundError('actor_not_found', `no actor ${command.data.actorId}`);
  // A merged actor is a name of its survivor now: changes go to the survivor.
  if (state.mergedInto) throw new IllegalStateError('actor_merged', `actor ${state.id} was merged into ${state.mergedInto}`);

  switch (command.type) {
    case 'RenameActor': {
      const to = { name: requireText('name', command.data.name, 200), shortName: requireText('shortName', command.data.shortName, 100) };
      const reason = requireText('reason', command.data.reason);
      if (to.name === state.name && to.shortName === state.shortName) {
        throw new ValidationError('name_unchanged', `the actor is already called ${state.name} (${state.shortName})`, 'name');
      }
      return [{ type: 'ActorRenamed', data: { actorId: state.id, from: { name: state.name, shortName: state.shortName }, to, reason } }];
    }
    case 'AddActorAlias': {
      const alias = requireText('alias', command.data.alias, 200);
      if (state.aliases.some((a) => a.toLowerCase() === alias.toLowerCase())) {
        throw new IllegalStateError('alias_exists', `${state.shortName} already has the alias ${alias}`);
      }
      checkAliasFree('alias', alias, state.id, command.data.aliasesInUse);
      return [{ type: 'ActorAliasAdded', data: { actorId: state.id, alias } }];
    }
    case 'ReclassifyActor': {
      const { kind, inter } = command.data;
      checkKind(kind, inter);
      const reason = requireText('reason', command.data.reason);
      if (kind === state.kind && inter === state.inter) {
        throw new ValidationError('classification_unchanged', `the actor is already ${kind} (inter ${inter})`, 'kind');
      }
      return [{ type: 'ActorReclassified', data: { actorId: state.id, from: { kind: state.kind, inter: state.inter }, to: { kind, inter }, reason } }];
    }
    case 'ConfirmActor': {
      const reason = requireText('reason', command.data.reason);
      if (!state.provisional) throw new IllegalStateError('actor_not_provisional', `actor ${state.id} is not provisional`);
      return [{ type: 'ActorConfirmed', data: { actorId: state.id, reason } }];
    }
    case 'MergeActor': {
      const { into, survivor } = command.data;
      const reason = requireText('reason', command.data.reason);
      if (into === state.id) fail('into', 'merge_into_itself', 'an actor cannot be merged into itself');
      if (survivor.status !== 'registered') throw new NotFoundError('actor_not_found', `no actor ${into}`);
      if (survivor.mergedInto) fail('into', 'merge_into_merged', `actor ${into} was itself merged into ${survivor.mergedInto}: merge into that one`);
      return [{ type: 'ActorMerged', data: { actorId: state.id, into, reason } }];
    }
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

function checkProfile(profile: ActorProfile): ActorProfile {
  checkKind(profile.kind, profile.inter);
  return {
    name: requireText('name', profile.name, 200),
    shortName: requireText('shortName', profile.shortName, 100),
    aliases: distinctTexts('aliases', profile.aliases ?? [], { caseInsensitive: true }),
    kind: profile.kind,
    inter: profile.inter,
    note: optionalText('note', profile.note),
    citation: optionalText('citation', profile.citation),
    ...(profile.provisional ? { provisional: true } : {}),
  };
}

function checkKind(kind: ActorKind, inter: AcledInter) {
  if (!ACTOR_KINDS.includes(kind)) fail('kind', 'not_allowed', `kind must be one of: ${ACTOR_KINDS.join(', ')}`);
  if (!ACLED_INTER_CODES.includes(inter)) fail('inter', 'not_allowed', 'inter must be an ACLED actor-type code from 1 to 8');
}

/** An alias names one group only, or imports could not tell groups apart. */
function checkAliasFree(field: string, alias: string, actorId: string, inUse: AliasesInUse) {
  const owner = inUse.find((use) => use.actorId !== actorId && use.alias.toLowerCase() === alias.toLowerCase());
  if (owner) fail(field, 'alias_in_use', `${alias} already names the actor ${owner.actorId}`);
}

export const actorDecider: Decider<ActorCommand, ActorEvent, ActorState> = { decide: decideActor, evolve: evolveActor, initialState: initialActorState };
