import type { DataSource } from 'typeorm';

/** The table every limiter counts in (see the security migration): shared by every API instance. */
export const RATE_LIMITS_TABLE = 'rate_limits';

/** Key prefixes of the sign-in failures counted per account and address, and per account alone. */
export const SIGN_IN_FAILURES = { byAddress: 'failures', byAccount: 'account-failures' } as const;

/**
 * Forgets the sign-in failures counted on an account, from every address (`users:unlock`):
 * the number of counts cleared.
 */
export async function clearSignInFailures(db: DataSource, username: string): Promise<number> {
  const [, cleared]: [unknown, number] = await db.query(`DELETE FROM ${RATE_LIMITS_TABLE} WHERE starts_with(key, $1) OR key = $2`, [
    `${SIGN_IN_FAILURES.byAddress}:${username}|`,
    `${SIGN_IN_FAILURES.byAccount}:${username}`,
  ]);
  return cleared;
}
