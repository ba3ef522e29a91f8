import { deciderSpecification } from '../testing/decider-specification.js';
import { can } from './permissions.js';
import { decideUser, evolveUser, initialUserState } from './user.decider.js';
import type { UserEvent } from './user.events.js';
import type { UserCommand } from './user.commands.js';
import type { UserState } from './user.js';

// Another active administrator exists unless a test says otherwise.
const given = deciderSpecification({ decide: (c: UserCommand, s: UserState) => decideUser(c, s, { otherActiveAdmins: 1 }), evolve: evolveUser, initialState: initialUserState });
const created: UserEvent = { type: 'UserCreated', data: { username: 'awa', roles: ['monitor'], passwordHash: 'h1' } };

describe('User', () => {
  it('is created with roles', () => {
    given([]).when({ type: 'CreateUser', data: { username: 'awa', roles: ['monitor'], passwordHash: 'h1' } }, undefined).then([created]);
  });

  it.each([
    ['username', { username: 'Awa Traoré', roles: ['monitor'] }],
    ['roles', { username: 'awa', roles: [] }],
    ['roles[1]', { username: 'awa', roles: ['monitor', 'commander'] }],
  ])('refuses a bad %s', (field, data) => {
    given([]).when({ type: 'CreateUser', data: { ...data, passwordHash: 'h' } as never }, undefined).thenThrows({ kind: 'validation', field });
  });

  it('cannot be created twice', () => {
    given([created]).when({ type: 'CreateUser', data: { username: 'awa', roles: ['analyst'], passwordHash: 'h' } }, undefined).thenThrows({
      code: 'user_exists',
    });
  });

  it('is disabled once', () => {
    const disabled: UserEvent = { type: 'UserDisabled', data: { username: 'awa', reason: 'left the mission' } };
    given([created]).when({ type: 'DisableUser', data: { username: 'awa', reason: 'left the mission' } }, undefined).then([disabled]);
    given([created, disabled]).when({ type: 'DisableUser', data: { username: 'awa', reason: 'again' } }, undefined).thenThrows({
      code: 'user_disabled',
    });
  });
});

describe('User sessions', () => {
  const generation = (events: UserEvent[]) => {
    const state = events.reduce(evolveUser, initialUserState());
    return state.status === 'absent' ? undefined : state.sessionGeneration;
  };

  it('end with a new password, a disabling, an enabling or a role taken away, not with a role added', () => {
    expect(generation([created])).toBe(0);
    expect(generation([created, { type: 'UserPasswordChanged', data: { username: 'awa', passwordHash: 'h2' } }])).toBe(1);
    const disabled: UserEvent = { type: 'UserDisabled', data: { username: 'awa', reason: 'r' } };
    expect(generation([created, disabled])).toBe(1);
    expect(generation([created, disabled, { type: 'UserEnabled', data: { username: 'awa' } }])).toBe(2);
    expect(generation([created, { type: 'UserRolesChanged', data: { username: 'awa', roles: ['monitor', 'analyst'] } }])).toBe(0);
    expect(generation([created, { type: 'UserRolesChanged', data: { username: 'awa', roles: ['analyst'] } }])).toBe(1);
  });
});

describe('The last active administrator', () => {
  const admin: UserEvent = { type: 'UserCreated', data: { username: 'root', roles: ['admin'], passwordHash: 'h' } };
  const alone = { otherActiveAdmins: 0 };
  const decide = deciderSpecification({ decide: decideUser, evolve: evolveUser, initialState: initialUserState });

  it('cannot be disabled or lose the admin role', () => {
    decide([admin]).when({ type: 'DisableUser', data: { username: 'root', reason: 'oops' } }, alone).thenThrows({ kind: 'illegal_state', code: 'last_admin' });
    decide([admin]).when({ type: 'ChangeRoles', data: { username: 'root', roles: ['analyst'] } }, alone).thenThrows({ code: 'last_admin' });
  });

  it('may be given other roles, and may be disabled once another administrator is active', () => {
    decide([admin]).when({ type: 'ChangeRoles', data: { username: 'root', roles: ['admin', 'analyst'] } }, alone).then([
      { type: 'UserRolesChanged', data: { username: 'root', roles: ['admin', 'analyst'] } },
    ]);
    decide([admin]).when({ type: 'DisableUser', data: { username: 'root', reason: 'left' } }, { otherActiveAdmins: 1 }).then([
      { type: 'UserDisabled', data: { username: 'root', reason: 'left' } },
    ]);
  });
});

describe('Permissions', () => {
  it('keep confidential sources from monitors and analysts', () => {
    expect(can(['monitor'], 'sources:read-confidential')).toBe(false);
    expect(can(['analyst'], 'sources:read-confidential')).toBe(false);
    expect(can(['reviewer'], 'sources:read-confidential')).toBe(true);
    expect(can(['admin'], 'sources:read-confidential')).toBe(true);
  });

  it('let only reviewers decide reviews and verify, only admins manage users', () => {
    expect(can(['monitor', 'analyst', 'admin'], 'reviews:decide')).toBe(false);
    expect(can(['reviewer'], 'incidents:verify')).toBe(true);
    expect(can(['reviewer'], 'users:manage')).toBe(false);
    expect(can(['admin'], 'users:manage')).toBe(true);
  });
});
