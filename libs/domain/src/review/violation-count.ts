import { memberOn, type Membership } from '../reference/coalition.js';
import type { ReviewState } from './review.js';

/**
 * How the ceasefire mechanism counts violations, by group. The read side keeps the same counts in
 * SQL for speed; `libs/read-models/src/violations/violations-by-group.int.spec.ts` holds the two
 * equal over generated reviews.
 */

/** How the report groups: by actor, or by the coalition each actor belonged to on the incident's day. */
export const ROLLUPS = ['actor', 'coalition'] as const;
export type Rollup = (typeof ROLLUPS)[number];

/** The report's columns, in the order it shows them. */
export const VIOLATION_COLUMNS = ['alleged', 'underReview', 'confirmed', 'dismissed', 'inconclusive', 'killedInConfirmed'] as const;
export type ViolationColumn = (typeof VIOLATION_COLUMNS)[number];

/** Where a review stands for one group: each flag puts the review once in that column. */
export interface ViolationFlags {
  /** The allegation names the group. */
  alleged: boolean;
  /** Alleged, and the review awaits a finding (open or reopened). */
  underReview: boolean;
  /** The finding is a violation and holds the group responsible (alleged or not). */
  confirmed: boolean;
  /** Alleged, and the finding did not uphold it (no violation, or a violation by others). */
  dismissed: boolean;
  /** Alleged, and the finding is inconclusive. */
  inconclusive: boolean;
}

type OpenedReview = Exclude<ReviewState, { status: 'unopened' }>;

/** A review's flags for each party it names, alleged or held responsible. */
export function partyViolationFlags(review: OpenedReview): (ViolationFlags & { party: string })[] {
  const { allegation } = review;
  const awaiting = review.status === 'open' || review.status === 'reopened';
  // A reopened review's earlier finding no longer counts.
  const finding = review.status === 'decided' ? review.finding : undefined;
  const responsible = finding?.outcome === 'violation' ? finding.responsibleParties : [];
  const parties = [...new Set([...allegation.allegedParties, ...responsible])];
  return parties.map((party) => {
    const alleged = allegation.allegedParties.includes(party);
    const confirmed = responsible.includes(party);
    return {
      party,
      alleged,
      underReview: alleged && awaiting,
      confirmed,
      dismissed: alleged && !!finding && !confirmed && finding.outcome !== 'inconclusive',
      inconclusive: alleged && finding?.outcome === 'inconclusive',
    };
  });
}

/**
 * The flags of a group from those of its members named in one review: a column when any member is
 * in it, except dismissed, which a group is only when no member is held responsible.
 */
export function groupViolationFlags(members: readonly ViolationFlags[]): ViolationFlags {
  const any = (flag: keyof ViolationFlags) => members.some((m) => m[flag]);
  return {
    alleged: any('alleged'),
    underReview: any('underReview'),
    confirmed: any('confirmed'),
    dismissed: any('dismissed') && !any('confirmed'),
    inconclusive: any('inconclusive'),
  };
}

export interface CoalitionMembership extends Membership {
  coalitionId: string;
}

export interface ViolationGroup {
  group: string;
  groupKind: 'actor' | 'coalition';
}

/** The groups a party counts in on a day: each coalition it belonged to then, or itself alone. */
export function groupsOn(party: string, day: string, memberships: readonly CoalitionMembership[]): ViolationGroup[] {
  const coalitions = [...new Set(memberships.filter((m) => m.actorId === party && memberOn(m, day)).map((m) => m.coalitionId))];
  return coalitions.length ? coalitions.map((group) => ({ group, groupKind: 'coalition' })) : [{ group: party, groupKind: 'actor' }];
}

/** What is known now of a reviewed incident. A retracted incident's reviews still count (the report flags them). */
export interface ReviewedIncident {
  /** The incident's day (YYYY-MM-DD): the report's period and the coalitions are taken on it. */
  occurredOn: string;
  /** null: no figure. */
  killed: number | null;
  retracted: boolean;
}

/** What narrows the report: one agreement (every agreement when absent), a period of days (both ends included), the grouping. */
export interface ViolationFilters {
  agreement?: string;
  from?: string;
  to?: string;
  rollup?: Rollup;
}

export type ViolationCounts = Record<ViolationColumn, number>;
export type ViolationGroupCounts = ViolationGroup & ViolationCounts;

/**
 * The violations-by-group report: a review counts once per group it names, in every column whose
 * flag the group has; dead are summed over the confirmed ones. Rows with most confirmed first,
 * then most alleged, coalitions before actors, then by id.
 */
export function countViolationsByGroup(
  reviews: readonly { review: OpenedReview; incident: ReviewedIncident }[],
  memberships: readonly CoalitionMembership[],
  filters: ViolationFilters = {},
): ViolationGroupCounts[] {
  const rows = new Map<string, ViolationGroupCounts>();
  for (const { review, incident } of reviews) {
    const day = incident.occurredOn;
    if (filters.agreement !== undefined && review.allegation.agreementId !== filters.agreement) continue;
    if ((filters.from !== undefined && day < filters.from) || (filters.to !== undefined && day > filters.to)) continue;
    for (const { group, groupKind, flags } of reviewCells(review, day, memberships, filters.rollup ?? 'actor')) {
      const key = `${groupKind}:${group}`;
      const row = rows.get(key) ?? { group, groupKind, alleged: 0, underReview: 0, confirmed: 0, dismissed: 0, inconclusive: 0, killedInConfirmed: 0 };
      for (const column of ['alleged', 'underReview', 'confirmed', 'dismissed', 'inconclusive'] as const) if (flags[column]) row[column]++;
      if (flags.confirmed) row.killedInConfirmed += incident.killed ?? 0;
      rows.set(key, row);
    }
  }
  return [...rows.values()].sort(
    (a, b) => b.confirmed - a.confirmed || b.alleged - a.alleged || (a.groupKind === b.groupKind ? 0 : a.groupKind === 'coalition' ? -1 : 1) || (a.group < b.group ? -1 : a.group > b.group ? 1 : 0),
  );
}

/** A review's cells: one per group it names, with the group's merged flags. */
export function reviewCells(review: OpenedReview, day: string, memberships: readonly CoalitionMembership[], rollup: Rollup): (ViolationGroup & { members: string[]; flags: ViolationFlags })[] {
  const parties = partyViolationFlags(review);
  if (rollup === 'actor') return parties.map(({ party, ...flags }) => ({ group: party, groupKind: 'actor', members: [party], flags }));
  const groups = new Map<string, ViolationGroup & { members: (ViolationFlags & { party: string })[] }>();
  for (const party of parties) {
    for (const group of groupsOn(party.party, day, memberships)) {
      const key = `${group.groupKind}:${group.group}`;
      const cell = groups.get(key) ?? { ...group, members: [] };
      cell.members.push(party);
      groups.set(key, cell);
    }
  }
  return [...groups.values()].map(({ members, ...group }) => ({ ...group, members: members.map((m) => m.party).sort(), flags: groupViolationFlags(members) }));
}
