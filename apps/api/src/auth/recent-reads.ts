import { LRUCache } from 'lru-cache';

/**
 * How long a sign-out, a password change, a disabling or a role removal made by another API
 * instance (or the CLI) may take to count here. This instance's own count at once, and a refusal
 * is always read afresh, so only an acceptance can be this old.
 */
export const SIGN_IN_CHECK_TTL_MS = 1_000;

/**
 * What the per-request sign-in check reads from the database, kept for a moment. Each entry is the
 * read's promise, set when the read begins: a change made here forgets the key after it was
 * committed, so a read begun before the change cannot put its older answer back.
 */
export class RecentReads<Value extends NonNullable<unknown>> {
  private readonly reads: LRUCache<string, Promise<Value>>;

  constructor(ttl = SIGN_IN_CHECK_TTL_MS, max = 10_000) {
    this.reads = new LRUCache({ ttl, max });
  }

  read(key: string, load: () => Promise<Value>): Promise<Value> {
    const known = this.reads.get(key);
    if (known) return known;
    const reading = load();
    this.reads.set(key, reading);
    reading.catch(() => this.reads.peek(key) === reading && this.reads.delete(key));
    return reading;
  }

  /** Reads again now (and keeps that answer). */
  reread(key: string, load: () => Promise<Value>): Promise<Value> {
    this.reads.delete(key);
    return this.read(key, load);
  }

  forget(key: string): void {
    this.reads.delete(key);
  }
}
