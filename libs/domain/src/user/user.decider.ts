import { IllegalStateError, NotFoundError, ValidationError } from '../errors.js';
import { ROLES, type Role, type UserState } from './user.js';
import type { UserCommand } from './user.commands.js';
import type { UserEvent } from './user.events.js';

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,62}$/;

export const initialUserState = (): UserState => ({ status: 'absent' });

export function evolveUser(state: UserState, event: UserEvent): UserState {
  switch (event.type) {
    case 'UserCreated':
      return { status: 'active', ...event.data, sessionGeneration: 0 };
    case 'UserRolesChanged': {
      if (state.status === 'absent') return state;
      const removed = state.roles.some((role) => !event.data.roles.includes(role));
      return { ...state, roles: event.data.roles, sessionGeneration: state.sessionGeneration + (removed ? 1 : 0) };
    }
    case 'UserPasswordChanged':
      return state.status === 'absent' ? state : { ...state, passwordHash: event.data.passwordHash, sessionGeneration: state.sessionGeneration + 1 };
    case 'UserDisabled':
      return state.status === 'absent' ? state : { ...state, status: 'disabled', sessionGeneration: state.sessionGeneration + 1 };
    case 'UserEnabled':
      return state.status === 'absent' ? state : { ...state, status: 'active', sessionGeneration: state.sessionGeneration + 1 };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

/** What the rules need to know of the other accounts. */
export interface UserDecisionContext {
  /** Active accounts with the admin role, this one excluded. */
  otherActiveAdmins: number;
}

export function decideUser(command: UserCommand, state: UserState, { otherActiveAdmins }: UserDecisionContext): UserEvent[] {
  if (command.type === 'CreateUser') {
    if (state.status !== 'absent') throw new IllegalStateError('user_exists', `user ${command.data.username} already exists`);
    if (!USERNAME.test(command.data.username)) {
      throw new ValidationError('bad_username', 'username: 2–63 lowercase letters, digits, dot, dash or underscore', 'username');
    }
    checkRoles(command.data.roles);
    return [{ type: 'UserCreated', data: command.data }];
  }
  if (state.status === 'absent') throw new NotFoundError('user_not_found', `no user ${command.data.username}`);
  // Nobody could manage accounts any more, nor undo the change.
  const lastAdmin = state.status === 'active' && state.roles.includes('admin') && otherActiveAdmins === 0;
  switch (command.type) {
    case 'ChangeRoles':
      checkRoles(command.data.roles);
      if (lastAdmin && !command.data.roles.includes('admin')) {
        throw new IllegalStateError('last_admin', `${state.username} is the last active administrator and keeps the admin role`);
      }
      return [{ type: 'UserRolesChanged', data: command.data }];
    case 'ChangePassword':
      return [{ type: 'UserPasswordChanged', data: command.data }];
    case 'DisableUser':
      if (state.status === 'disabled') throw new IllegalStateError('user_disabled', `user ${state.username} is already disabled`);
      if (lastAdmin) throw new IllegalStateError('last_admin', `${state.username} is the last active administrator and cannot be disabled`);
      return [{ type: 'UserDisabled', data: command.data }];
    case 'EnableUser':
      if (state.status === 'active') throw new IllegalStateError('user_active', `user ${state.username} is already active`);
      return [{ type: 'UserEnabled', data: command.data }];
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

function checkRoles(roles: Role[]) {
  if (roles.length === 0) throw new ValidationError('roles_required', 'a user needs at least one role', 'roles');
  roles.forEach((role, i) => {
    if (!ROLES.includes(role)) throw new ValidationError('unknown_role', `roles[${i}] must be one of ${ROLES.join(', ')}`, `roles[${i}]`);
  });
}
