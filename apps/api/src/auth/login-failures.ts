import { HttpException, Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { READ_MODELS } from '../infrastructure/tokens.js';

const ALLOWED_FAILURES = 5;

/**
 * Five failed sign-ins in a row slow an account down: each further attempt waits a window
 * that doubles (30 s, 60 s, … up to 15 min), and is answered 429 until then.
 */
@Injectable()
export class LoginFailures {
  constructor(@Inject(READ_MODELS) private readonly db: DataSource) {}

  async checkAllowed(username: string): Promise<void> {
    const [row]: { failures: number; last_failed_at: Date }[] = await this.db.query(
      'SELECT failures, last_failed_at FROM login_failures WHERE username = $1',
      [username],
    );
    if (!row || row.failures < ALLOWED_FAILURES) return;
    const waitSeconds = Math.min(900, 30 * 2 ** (row.failures - ALLOWED_FAILURES));
    const retryAfter = Math.ceil((row.last_failed_at.getTime() + waitSeconds * 1000 - Date.now()) / 1000);
    if (retryAfter > 0) {
      throw new HttpException(
        { statusCode: 429, error: 'too_many_failed_logins', message: `too many failed sign-ins; try again in ${retryAfter} s`, retryAfter },
        429,
      );
    }
  }

  async failed(username: string): Promise<void> {
    await this.db.query(
      `INSERT INTO login_failures (username, failures, last_failed_at) VALUES ($1, 1, now())
       ON CONFLICT (username) DO UPDATE SET failures = login_failures.failures + 1, last_failed_at = now()`,
      [username],
    );
  }

  async succeeded(username: string): Promise<void> {
    await this.db.query('DELETE FROM login_failures WHERE username = $1', [username]);
  }
}
