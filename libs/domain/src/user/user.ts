export const ROLES = ['monitor', 'reviewer', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The user who issues a command, as the rules see them ("actor" names the armed groups here). */
export interface Requester {
  username: string;
  roles: readonly Role[];
}

export type UserState =
  | { status: 'absent' }
  | {
      status: 'active' | 'disabled';
      username: string;
      roles: Role[];
      passwordHash: string;
      /**
       * Counts the changes that end every session signed in before them: a new password, a
       * disabling, an enabling, a role taken away. A token carries the count it was issued at.
       */
      sessionGeneration: number;
    };

export const userStreamId = (username: string) => `user-${username}`;
export const USER_STREAM_PREFIX = 'user-';
