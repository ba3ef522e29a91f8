import type { Role } from './user.js';

/**
 * What each role may do. Monitors report and correct their own reports; reviewers (the
 * ceasefire mechanism) act on any incident and decide reviews; analysts read everything but
 * confidential sources; administrators manage users and reference data (reviewers may
 * register an actor).
 */
export const PERMISSIONS = {
  'incidents:read': ['monitor', 'reviewer', 'analyst', 'admin'],
  'incidents:report': ['monitor', 'reviewer'],
  'incidents:correct-own': ['monitor', 'reviewer'],
  'incidents:correct-any': ['reviewer'],
  'incidents:verify': ['reviewer'],
  'sources:read-confidential': ['reviewer', 'admin'],
  'sources:erase': ['reviewer', 'admin'],
  'reviews:read': ['reviewer', 'analyst', 'admin'],
  'reviews:decide': ['reviewer'],
  'timeline:read': ['reviewer', 'analyst', 'admin'],
  'exports:read': ['reviewer', 'analyst', 'admin'],
  'reference:read': ['monitor', 'reviewer', 'analyst', 'admin'],
  // A reviewer meets new groups in the reports they check, and registers them from the form.
  'actors:register': ['reviewer', 'admin'],
  'reference:manage': ['admin'],
  'users:manage': ['admin'],
  'imports:run': ['admin'],
  'health:details': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((role) => (PERMISSIONS[permission] as readonly Role[]).includes(role));
}
