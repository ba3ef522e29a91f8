import type { Role } from './user.js';

/** Access changes are events too, so who could do what, and since when, is on the record. */
export type UserCreated = { type: 'UserCreated'; data: { username: string; roles: Role[]; passwordHash: string } };
export type UserRolesChanged = { type: 'UserRolesChanged'; data: { username: string; roles: Role[] } };
export type UserPasswordChanged = { type: 'UserPasswordChanged'; data: { username: string; passwordHash: string } };
export type UserDisabled = { type: 'UserDisabled'; data: { username: string; reason: string } };
export type UserEnabled = { type: 'UserEnabled'; data: { username: string } };

export type UserEvent = UserCreated | UserRolesChanged | UserPasswordChanged | UserDisabled | UserEnabled;
