/**
 * SQL condition selecting, among the `incident_versions` rows under `alias`, the version that was
 * the record at the recorded time given as the named parameter (`:asOf`): the one whose range
 * [valid_from, valid_to) contains it. An incident not yet reported then has no such row.
 */
export function validAt(alias: string, parameter = 'asOf'): string {
  return `${alias}.valid_from <= :${parameter} AND (${alias}.valid_to IS NULL OR ${alias}.valid_to > :${parameter})`;
}

/** SQL condition selecting the current version of each incident. */
export const isCurrentVersion = (alias: string) => `${alias}.valid_to IS NULL`;
