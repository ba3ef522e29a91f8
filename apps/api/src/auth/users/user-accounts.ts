import { Inject, Injectable } from '@nestjs/common';
import { evolveUser, initialUserState, USER_STREAM_PREFIX, userStreamId, type UserEvent, type UserState } from '#domain';
import { catchUp, START, type EventStore } from '#event-store';
import { readState } from '../../commands/execute-command.js';
import { EVENT_STORE } from '../../infrastructure/tokens.js';
import { RecentReads } from '../recent-reads.js';

export const userDecider = { evolve: evolveUser, initialState: initialUserState };

/**
 * Accounts are read from their own streams, not from a projection, so that a disabled account
 * or a revoked role takes effect on the very next request. The per-request check may use a read
 * of the last moment (`recent`): the changes made through this instance forget it (`changed`),
 * and other instances' are seen within SIGN_IN_CHECK_TTL_MS.
 */
@Injectable()
export class UserAccounts {
  private readonly recentReads = new RecentReads<UserState>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  find(username: string): Promise<UserState> {
    return readState<UserEvent, UserState>(this.store, userDecider, userStreamId(username));
  }

  /** The account as read at most SIGN_IN_CHECK_TTL_MS ago, or `fresh`ly read now. */
  recent(username: string, fresh = false): Promise<UserState> {
    const load = () => this.find(username);
    return fresh ? this.recentReads.reread(username, load) : this.recentReads.read(username, load);
  }

  /** Called once a change to the account has been appended (or may have been). */
  changed(username: string): void {
    this.recentReads.forget(username);
  }

  /** Every account, folded from the `user-` streams (there are few). */
  async list(): Promise<Exclude<UserState, { status: 'absent' }>[]> {
    const users = new Map<string, UserState>();
    await catchUp(this.store, { from: START, batchSize: 1000, streamPrefixes: [USER_STREAM_PREFIX] }, async ({ events }) => {
      for (const event of events as unknown as (UserEvent & { streamId: string })[]) {
        users.set(event.streamId, userDecider.evolve(users.get(event.streamId) ?? userDecider.initialState(), event));
      }
    });
    return [...users.values()].filter((u): u is Exclude<UserState, { status: 'absent' }> => u.status !== 'absent');
  }
}
