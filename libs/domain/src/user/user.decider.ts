import { IllegalStateError, NotFoundError, ValidationError } from '../errors.js';
import { ROLES, type Role, type UserState } from './user.js';
import type { UserCommand } from './user.commands.js';
import type { UserEvent } from './user.events.js';

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,62}$/;

export const initialUserState = (): UserState => ({ status: 'absent' });

export function evolveUser(state: UserState, event: UserEvent): UserState {
  switch (event.type) {
    case 'UserCreated':
      return { status: 'active', ...event.data };
    case 'UserRolesChanged':
      return state.status === 'absent' ? state : { ...state, roles: event.data.roles };
    case 'UserPasswordChanged':
      return state.status === 'absent' ? state : { ...state, passwordHash: event.data.passwordHash };
    case 'UserDisabled':
      return state.status === 'absent' ? state : { ...state, status: 'disabled' };
    case 'UserEnabled':
      return state.status === 'absent' ? state : { ...state, status: 'active' };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

export function decideUser(command: UserCommand, state: UserState): UserEvent[] {
  if (command.type === 'CreateUser') {
    if (state.status !== 'absent') throw new IllegalStateError('user_exists', `user ${command.data.username} already exists`);
    if (!USERNAME.test(command.data.username)) {
      throw new ValidationError('bad_username', 'username: 2–63 lowercase letters, digits, dot, dash or underscore', 'username');
    }
    checkRoles(command.data.roles);
    return [{ type: 'UserCreated', data: command.data }];
  }
  if (state.status === 'absent') throw new NotFoundError('user_not_found', `no user ${command.data.username}`);
  switch (command.type) {
    case 'ChangeRoles':
      checkRoles(command.data.roles);
      return [{ type: 'UserRolesChanged', data: command.data }];
    case 'ChangePassword':
      return [{ type: 'UserPasswordChanged', data: command.data }];
    case 'DisableUser':
      if (state.status === 'disabled') throw new IllegalStateError('user_disabled', `user ${state.username} is already disabled`);
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
