/**
 * The ranges the record accepts. What the log accepts it keeps forever, so each bound is one
 * that every read model can store (PostgreSQL `int` columns, their sums, `text`), stated here
 * once and enforced at every way in (HTTP DTOs, the deciders, importers).
 */

/** Killed, injured or abducted in one incident. The largest massacres on record are far below it. */
export const MAX_CASUALTY_COUNT = 1_000_000;

/** A stream's version, an expected version: PostgreSQL `int`. */
export const MAX_VERSION = 2_147_483_647;

/** Lengths in characters (UTF-16 code units, as JavaScript counts them). */
export const MAX_TEXT = {
  /** Ids chosen by people: actor, agreement, coalition, source ids. */
  id: 100,
  /** Names and places. */
  name: 200,
  /** Reasons, notes, references. */
  note: 2_000,
  /** An incident's description. */
  description: 20_000,
} as const;
