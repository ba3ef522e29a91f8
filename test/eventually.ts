import { setTimeout as sleep } from 'node:timers/promises';

export interface EventuallyOptions {
  /** Give up after this long. */
  timeoutMs?: number;
  /** Time between two checks. */
  intervalMs?: number;
}

/**
 * Checks again and again until `check` holds (returns a truthy value, which is returned), for what
 * happens shortly after an action: a projection catching up, a follower reading an append. Fails
 * after `timeoutMs` with a message naming `what`.
 */
export async function eventually<T>(
  what: string,
  check: () => T | Promise<T>,
  { timeoutMs = 10_000, intervalMs = 25 }: EventuallyOptions = {},
): Promise<Exclude<T, false | null | undefined | 0 | ''>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await check();
    if (result) return result as Exclude<T, false | null | undefined | 0 | ''>;
    if (Date.now() >= deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(intervalMs);
  }
}
