import type { Role } from './user.js';

export type CreateUser = { type: 'CreateUser'; data: { username: string; roles: Role[]; passwordHash: string } };
export type ChangeRoles = { type: 'ChangeRoles'; data: { username: string; roles: Role[] } };
/** The hash is made outside the domain; the domain only records it. */
export type ChangePassword = { type: 'ChangePassword'; data: { username: string; passwordHash: string } };
export type DisableUser = { type: 'DisableUser'; data: { username: string; reason: string } };
export type EnableUser = { type: 'EnableUser'; data: { username: string } };

export type UserCommand = CreateUser | ChangeRoles | ChangePassword | DisableUser | EnableUser;
