import { deciderSpecification } from '../testing/decider-specification.js';
import { can } from './permissions.js';
import { decideUser, evolveUser, initialUserState } from './user.decider.js';
import type { UserEvent } from './user.events.js';
import type { UserCommand } from './user.commands.js';
import type { UserState } from './user.js';

const given = deciderSpecification({ decide: (c: UserCommand, s: UserState) => decideUser(c, s), evolve: evolveUser, initialState: initialUserState });
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
