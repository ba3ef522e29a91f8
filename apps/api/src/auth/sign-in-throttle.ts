import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { KNOWN_ADDRESS_SECONDS, RateLimits, tooMany } from './rate-limits.js';

/**
 * Sign-in throttling that strangers cannot turn against a user (OWASP ASVS V2.2.1):
 * - one address gets a few failures on one account, then waits (429) — that address only;
 *   the failure is counted before the password is checked, in one atomic upsert, so parallel
 *   guesses cannot slip past the count;
 * - failures on an account from anywhere slow every attempt on it down (up to a few seconds)
 *   instead of locking it, so many addresses guess slowly while the owner still gets in;
 * - past many failures in an hour, only addresses the account signed in from before may try.
 * `npm run cli -- users:unlock <name>` clears an account's counts.
 */
@Injectable()
export class SignInThrottle {
  constructor(private readonly rates: RateLimits) {}

  /** Waits or refuses as the counts say, then reserves one failure for this attempt. */
  async beforeAttempt(username: string, address: string): Promise<void> {
    const { limits } = this.rates;
    await RateLimits.take(this.rates.signIns, address, (wait) => tooMany('rate_limited', 'too many sign-in attempts from this address', wait));
    const account = await this.rates.failuresByAccount.get(username);
    const failures = account?.consumedPoints ?? 0;
    if (failures >= limits.failuresBeforeStrangersWait && !(await this.rates.knownAddresses.get(this.pair(username, address)))) {
      throw tooMany('too_many_failed_logins', 'too many failed sign-ins on this account from unknown addresses', account!.msBeforeNext);
    }
    await RateLimits.take(this.rates.failuresByAddress, this.pair(username, address), (wait) =>
      tooMany('too_many_failed_logins', 'too many failed sign-ins', wait),
    );
    const excess = failures - limits.failuresBeforeSlowing;
    if (excess >= 0) await sleep(Math.min(limits.maxDelayMs, 250 * 2 ** Math.min(excess, 10)));
  }

  async failed(username: string): Promise<void> {
    await this.rates.failuresByAccount.penalty(username);
  }

  /** The reserved failure was none: this address's count starts again, and it is known from now on. */
  async succeeded(username: string, address: string): Promise<void> {
    await this.rates.failuresByAddress.delete(this.pair(username, address));
    await this.rates.knownAddresses.set(this.pair(username, address), 1, KNOWN_ADDRESS_SECONDS);
  }

  private pair(username: string, address: string) {
    return `${username}|${address}`;
  }
}
