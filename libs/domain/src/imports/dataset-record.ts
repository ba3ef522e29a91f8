import type { AcledInter } from '../reference/actor.js';
import type { ExternalReference, IncidentActor, IncidentDetails } from '../incident/incident.js';
import type { ActorRole, Side } from '../incident/incident.taxonomy.js';

/** An actor as a dataset row names it: resolved to a registered (or new provisional) actor on import. */
export interface DatasetActor {
  name: string;
  role: ActorRole;
  with?: Side;
  /** The dataset's actor-type code, when it gives one: the kind a provisional actor gets. */
  inter?: AcledInter;
}

/** One row of a dataset read into the record's terms, before its actor names are resolved. */
export interface DatasetRecord {
  ref: ExternalReference;
  /** The dataset's own time for the row: the incident's events are recorded at it. */
  recordedAt: Date;
  details: Omit<IncidentDetails, 'actors'>;
  actors: DatasetActor[];
}

/** A row read, or why it cannot be (the line number is the reader's). */
export type RowReading = { record: DatasetRecord } | { rejected: string };

/** Thrown inside a row reader for a value it cannot read; the reader turns it into a rejection. */
export class UnreadableValue extends Error {}

export function reading(read: () => DatasetRecord): RowReading {
  try {
    return { record: read() };
  } catch (error) {
    if (error instanceof UnreadableValue) return { rejected: error.message };
    throw error;
  }
}

export function text(row: Record<string, string | undefined>, column: string): string {
  return (row[column] ?? '').trim();
}

export function requiredText(row: Record<string, string | undefined>, column: string): string {
  const value = text(row, column);
  if (!value) throw new UnreadableValue(`${column} is empty`);
  return value;
}

/** A decimal number, or an error naming the column; `optional`: empty reads as null. */
export function decimal(row: Record<string, string | undefined>, column: string, optional: true): number | null;
export function decimal(row: Record<string, string | undefined>, column: string, optional?: false): number;
export function decimal(row: Record<string, string | undefined>, column: string, optional = false): number | null {
  const value = text(row, column);
  if (!value && optional) return null;
  if (!/^-?\d+(\.\d+)?$/.test(value)) throw new UnreadableValue(`${column} is not a number: ${JSON.stringify(value)}`);
  return Number(value);
}

/** A whole number; empty is no figure (null), not 0. */
export function figure(row: Record<string, string | undefined>, column: string): number | null {
  const value = text(row, column);
  if (!value) return null;
  if (!/^\d+$/.test(value)) throw new UnreadableValue(`${column} is not a whole number: ${JSON.stringify(value)}`);
  return Number(value);
}

/** `Shelling/artillery/missile attack` → `shelling_artillery_missile_attack`: the taxonomy's codes are ACLED's names. */
export const codeOf = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');

/** Names separated by semicolons (ACLED's assoc_actor_1/2). */
export const names = (value: string) => value.split(';').map((n) => n.trim()).filter(Boolean);

/**
 * The two main sides of a record, as a dataset's layout has them (actor ids, each side's first
 * being its main actor), and the associated actors of each. A record with the monitor's roles puts
 * its first perpetrator (or party) on side A, its first target (or next party) on side B, and
 * any further main actor among the associated of that side.
 */
export function sidesOf(actors: IncidentActor[]): { sides: Record<Side, string[]>; associated: Record<Side, string[]> } {
  const sides: Record<Side, string[]> = { side_a: [], side_b: [] };
  const associated: Record<Side, string[]> = { side_a: [], side_b: [] };
  for (const actor of actors) {
    if (actor.role === 'associated') associated[actor.with ?? 'side_a'].push(actor.actorId);
    else if (actor.role === 'side_a' || actor.role === 'side_b') sides[actor.role].push(actor.actorId);
  }
  for (const actor of actors) {
    if (actor.role === 'perpetrator') (sides.side_a.length ? associated.side_a : sides.side_a).push(actor.actorId);
    if (actor.role === 'target') (sides.side_b.length ? associated.side_b : sides.side_b).push(actor.actorId);
    if (actor.role === 'party') (sides.side_a.length === 0 ? sides.side_a : sides.side_b.length === 0 ? sides.side_b : associated.side_a).push(actor.actorId);
  }
  return { sides, associated };
}
