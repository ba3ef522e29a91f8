import { HttpException, Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';
import { READ_MODELS } from '../infrastructure/tokens.js';
import { RATE_LIMITS_TABLE, SIGN_IN_FAILURES, type AuthSettings, type SignInLimits } from '#tracker';
import { AUTH_SETTINGS } from './auth-settings.js';

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
    this.failuresByAddress = limiter(SIGN_IN_FAILURES.byAddress, this.limits.failuresPerAddress, this.limits.failureWindowSeconds);
    this.failuresByAccount = limiter(SIGN_IN_FAILURES.byAccount, Number.MAX_SAFE_INTEGER, this.limits.accountWindowSeconds);
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
