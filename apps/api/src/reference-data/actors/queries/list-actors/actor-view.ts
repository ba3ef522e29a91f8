import type { ActorRow } from '#read-models';

export function toActorView({ record, version, lastChangedAt, lastChangedBy }: ActorRow) {
  const { status: _status, ...actor } = record;
  return { ...actor, version, lastChangedAt, lastChangedBy };
}

export type ActorView = ReturnType<typeof toActorView>;
