import { HttpException, Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';
import { READ_MODELS } from '../infrastructure/tokens.js';
import { AUTH_SETTINGS, type AuthSettings } from './auth-settings.js';

/** The table every limiter counts in (see the security migration): shared by every API instance. */
export const RATE_LIMITS_TABLE = 'rate_limits';

/** How sign-in failures are answered; tests shorten them. */
export interface SignInLimits {
  /** Failures one address may make on one account before it waits (429). */
  failuresPerAddress: number;
  /** How long those failures count. */
  failureWindowSeconds: number;
  /** Failures on one account, from anywhere, before every attempt on it is slowed down. */
  failuresBeforeSlowing: number;
  /** The longest an attempt is slowed down. */
  maxDelayMs: number;
  /** Failures on one account in the window after which only addresses it signed in from before may try. */
  failuresBeforeStrangersWait: number;
  /** The account-wide window. */
  accountWindowSeconds: number;
}

export const SIGN_IN_LIMITS: SignInLimits = {
  failuresPerAddress: 5,
  failureWindowSeconds: 15 * 60,
  failuresBeforeSlowing: 10,
  maxDelayMs: 5_000,
  failuresBeforeStrangersWait: 100,
  accountWindowSeconds: 60 * 60,
};

export const KNOWN_ADDRESS_SECONDS = 30 * 24 * 60 * 60;

export const tooMany = (code: string, message: string, retryAfterMs: number) => {
  const retryAfter = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new HttpException({ code, detail: `${message}; try again in ${retryAfter} s`, retryAfter }, 429);
};

const FAILURES = 'failures';
const ACCOUNT_FAILURES = 'account-failures';

/**
 * Forgets the sign-in failures counted on an account, from every address (`users:unlock`):
 * the number of counts cleared.
 */
export async function clearSignInFailures(db: DataSource, username: string): Promise<number> {
  const [, cleared]: [unknown, number] = await db.query(`DELETE FROM ${RATE_LIMITS_TABLE} WHERE starts_with(key, $1) OR key = $2`, [
    `${FAILURES}:${username}|`,
    `${ACCOUNT_FAILURES}:${username}`,
  ]);
  return cleared;
}

/** Counts in PostgreSQL, so that several API instances share one count; each step is one atomic upsert. */
@Injectable()
export class RateLimits {
  readonly limits: SignInLimits;
  /** Sign-in attempts per client address. */
  readonly signIns: RateLimiterPostgres;
  /** Writes per signed-in user. */
  readonly writes: RateLimiterPostgres;
  /** Sign-in failures per account and client address. */
  readonly failuresByAddress: RateLimiterPostgres;
  /** Sign-in failures per account, from any address. */
  readonly failuresByAccount: RateLimiterPostgres;
  /** Addresses an account signed in from (kept 30 days). */
  readonly knownAddresses: RateLimiterPostgres;

  constructor(@Inject(READ_MODELS) db: DataSource, @Inject(AUTH_SETTINGS) settings: AuthSettings) {
    this.limits = { ...SIGN_IN_LIMITS, ...settings.signInLimits };
    const pool = (db.driver as unknown as { master: pg.Pool }).master;
    const limiter = (keyPrefix: string, points: number, duration: number) =>
      new RateLimiterPostgres({ storeClient: pool, tableName: RATE_LIMITS_TABLE, tableCreated: true, keyPrefix, points, duration });
    this.signIns = limiter('sign-in', settings.loginsPerMinute, 60);
    this.writes = limiter('write', settings.writesPerMinute, 60);
    this.failuresByAddress = limiter(FAILURES, this.limits.failuresPerAddress, this.limits.failureWindowSeconds);
    this.failuresByAccount = limiter(ACCOUNT_FAILURES, Number.MAX_SAFE_INTEGER, this.limits.accountWindowSeconds);
    this.knownAddresses = limiter('known-address', 1, KNOWN_ADDRESS_SECONDS);
  }

  /** Takes one point, or answers 429 with the wait; a database error stays an error. */
  static async take(limiter: RateLimiterPostgres, key: string, refuse: (wait: number) => HttpException): Promise<RateLimiterRes> {
    try {
      return await limiter.consume(key);
    } catch (outcome) {
      if (outcome instanceof RateLimiterRes) throw refuse(outcome.msBeforeNext);
      throw outcome;
    }
  }
}
