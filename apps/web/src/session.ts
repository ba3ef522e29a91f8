import { can as roleCan, type Permission } from '../../../libs/domain/src/user/permissions.js';
import type { Role } from '../../../libs/domain/src/user/user.js';

/**
 * The signed-in user, kept on this device (localStorage) until sign-out: a monitor who closes the
 * browser in the field must be able to reopen the app and write reports without a connection.
 */
export interface Session {
  accessToken: string;
  expiresAt: string;
  username: string;
  roles: Role[];
}

/** Who is using the app: the holder of the session, even once its token has expired. */
export type User = Pick<Session, 'username' | 'roles'>;

const KEY = 'tracker.session';

function stored(): Session | null {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Session | null;
    return value?.accessToken ? value : null;
  } catch {
    return null;
  }
}

/** A session whose token is still valid. */
export function session(): Session | null {
  const value = stored();
  return value && !(value.expiresAt && Date.parse(value.expiresAt) <= Date.now()) ? value : null;
}

/** The last user to sign in on this device, whose token may have expired while offline. */
export function user(): User | null {
  const value = stored();
  return value && { username: value.username, roles: value.roles };
}

export const saveSession = (value: Session) => localStorage.setItem(KEY, JSON.stringify(value));
export const clearSession = () => localStorage.removeItem(KEY);

/** What the user's roles allow; the server checks again, this only hides what would be refused. */
export const can = (permission: Permission): boolean => roleCan(user()?.roles ?? [], permission);

/** Amend and retract: any incident for a reviewer, their own reports for a monitor. */
export const canCorrect = (reportedBy: string): boolean =>
  can('incidents:correct-any') || (can('incidents:correct-own') && user()?.username === reportedBy);
