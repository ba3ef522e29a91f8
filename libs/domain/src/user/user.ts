export const ROLES = ['monitor', 'reviewer', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export type UserState =
  | { status: 'absent' }
  | { status: 'active' | 'disabled'; username: string; roles: Role[]; passwordHash: string };

export const userStreamId = (username: string) => `user-${username}`;
export const USER_STREAM_PREFIX = 'user-';
