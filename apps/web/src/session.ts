import { can as roleCan, type Permission } from '../../../libs/domain/src/user/permissions.js';
import type { Role } from '../../../libs/domain/src/user/user.js';

/** The signed-in user, kept for this tab only (sessionStorage): closing the tab signs out. */
export interface Session {
  accessToken: string;
  expiresAt: string;
  username: string;
  roles: Role[];
}

const KEY = 'tracker.session';

export function session(): Session | null {
  try {
    const stored = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Session | null;
    if (!stored?.accessToken) return null;
    if (stored.expiresAt && Date.parse(stored.expiresAt) <= Date.now()) {
      sessionStorage.removeItem(KEY);
      return null;
    }
    return stored;
  } catch {
    return null;
  }
}

export const saveSession = (value: Session) => sessionStorage.setItem(KEY, JSON.stringify(value));
export const clearSession = () => sessionStorage.removeItem(KEY);

/** What the user's roles allow; the server checks again, this only hides what would be refused. */
export const can = (permission: Permission): boolean => roleCan(session()?.roles ?? [], permission);

/** Amend and retract: any incident for a reviewer, their own reports for a monitor. */
export const canCorrect = (reportedBy: string): boolean =>
  can('incidents:correct-any') || (can('incidents:correct-own') && session()?.username === reportedBy);
