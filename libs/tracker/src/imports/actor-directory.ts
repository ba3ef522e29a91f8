import {
  actorDecider,
  actorIdFromName,
  actorStreamId,
  foldName,
  type AcledInter,
  type ActorKind,
  type ActorState,
  type DatasetActor,
} from '#domain';
import { StreamVersionConflictError, type EventStore, type EventMetadata } from '#event-store';
import type { DataSource } from 'typeorm';
import { v5 as uuidv5 } from 'uuid';

const PROVISIONAL = '0e5d3c0b-7a8f-4c1d-b3f2-6a9e8d7c5b41';

/** The kind an ACLED actor type suggests, for a provisional actor until an administrator says better. */
const KIND_OF_INTER: Record<AcledInter, ActorKind> = { 1: 'state_forces', 2: 'rebel_group', 3: 'militia', 4: 'militia', 5: 'civilians', 6: 'civilians', 7: 'civilians', 8: 'other' };

/**
 * Resolves the actor names of dataset rows to actor ids through the actors' names, short names
 * and aliases (folded: case, accents, punctuation); an unknown name becomes a provisional actor,
 * registered once. A merged actor's name still resolves to it (a re-import then changes nothing):
 * the read side counts it under its survivor.
 */
export class ActorDirectory {
  private constructor(
    private readonly store: EventStore,
    private readonly byName: Map<string, string>,
    private readonly taken: Set<string>,
    private readonly created: string[] = [],
  ) {}

  static async load(store: EventStore, readModels: DataSource): Promise<ActorDirectory> {
    const rows: { id: string; record: Extract<ActorState, { status: 'registered' }> }[] = await readModels.query('SELECT id, record FROM actors');
    const byName = new Map<string, string>();
    for (const { id, record } of rows) {
      for (const name of [record.name, record.shortName, ...record.aliases]) {
        const key = foldName(name);
        if (key && !byName.has(key)) byName.set(key, id);
      }
    }
    return new ActorDirectory(store, byName, new Set(rows.map((r) => r.id)));
  }

  /** Ids of the provisional actors this import registered. */
  get provisional(): readonly string[] {
    return this.created;
  }

  async resolve(actor: DatasetActor, metadata: EventMetadata, citation: string): Promise<string> {
    const key = foldName(actor.name);
    const known = this.byName.get(key);
    if (known) return known;
    const base = actorIdFromName(actor.name);
    for (let n = 1; ; n++) {
      const id = n === 1 ? base : `${base}-${n}`;
      if (this.taken.has(id)) continue;
      const inter = actor.inter ?? 8;
      const [event] = actorDecider.decide(
        {
          type: 'RegisterActor',
          data: {
            actorId: id,
            profile: {
              name: actor.name.slice(0, 200),
              shortName: actor.name.slice(0, 100),
              aliases: [],
              kind: KIND_OF_INTER[inter],
              inter,
              note: 'Created by an import for a name no actor had.',
              citation,
              provisional: true,
            },
            aliasesInUse: [],
          },
        },
        actorDecider.initialState(),
        { now: new Date() },
      );
      try {
        await this.store.append(actorStreamId(id), [{ id: uuidv5(`${id}|${key}`, PROVISIONAL), type: event.type, data: event.data as never, metadata }], {
          expected: 'no_stream',
        });
      } catch (error) {
        // Registered since the directory was loaded (by hand, or by a concurrent import): another id.
        if (error instanceof StreamVersionConflictError) {
          this.taken.add(id);
          continue;
        }
        throw error;
      }
      this.taken.add(id);
      this.byName.set(key, id);
      this.created.push(id);
      return id;
    }
  }
}
