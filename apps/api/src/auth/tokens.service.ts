import { createSecretKey, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import type { DataSource } from 'typeorm';
import { READ_MODELS } from '../infrastructure/tokens.js';
import type { AuthSettings } from '#tracker';
import { AUTH_SETTINGS } from './auth-settings.js';
import { RecentReads } from './recent-reads.js';

interface TokenClaims {
  sub: string;
  jti: string;
  exp: number;
  /** The account's session generation when the token was issued. */
  gen: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Claims of the shape this service signs; anything else, even well signed, is no token of ours. */
const wellFormed = (claims: Partial<TokenClaims>): claims is TokenClaims =>
  typeof claims.sub === 'string' && typeof claims.jti === 'string' && UUID.test(claims.jti) && Number.isSafeInteger(claims.gen) && claims.gen! >= 0;

const INVALID = () => new UnauthorizedException({ code: 'invalid_token', detail: 'the access token is invalid or expired' });

/**
 * Signed, expiring access tokens; logout revokes a token by its id until it would expire anyway
 * (at once here, within SIGN_IN_CHECK_TTL_MS on another API instance).
 * A token carries its account's session generation, so that a new password, a disabling, an
 * enabling or a role taken away ends every token issued before it (see the access guard).
 */
@Injectable()
export class TokensService {
  private key?: Promise<KeyObject>;
  /** Whether a token id was signed out, as read at most SIGN_IN_CHECK_TTL_MS ago (a sign-out is for good). */
  private readonly revocations = new RecentReads<boolean>();

  constructor(
    @Inject(READ_MODELS) private readonly db: DataSource,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
  ) {}

  async issue(username: string, sessionGeneration: number): Promise<{ accessToken: string; expiresAt: string }> {
    const expiresIn = this.settings.tokenTtlMinutes * 60;
    const accessToken = jwt.sign({ sub: username, jti: randomUUID(), gen: sessionGeneration }, await this.signingKey(), { expiresIn, algorithm: 'HS256' });
    return { accessToken, expiresAt: new Date(Date.now() + expiresIn * 1000).toISOString() };
  }

  /** The username (and session generation) a valid, unrevoked token stands for. */
  async verify(token: string): Promise<{ username: string; jti: string; exp: number; sessionGeneration: number }> {
    let claims: Partial<TokenClaims>;
    try {
      claims = jwt.verify(token, await this.signingKey(), { algorithms: ['HS256'] }) as Partial<TokenClaims>;
    } catch {
      throw INVALID();
    }
    if (!wellFormed(claims)) throw INVALID();
    const revoked = await this.revocations.read(claims.jti, async () => (await this.db.query('SELECT 1 FROM revoked_tokens WHERE jti = $1', [claims.jti])).length > 0);
    if (revoked) throw new UnauthorizedException({ code: 'token_revoked', detail: 'this access token was signed out' });
    return { username: claims.sub, jti: claims.jti, exp: claims.exp, sessionGeneration: claims.gen };
  }

  async revoke(jti: string, exp: number): Promise<void> {
    await this.db.query('INSERT INTO revoked_tokens (jti, expires_at) VALUES ($1, to_timestamp($2)) ON CONFLICT DO NOTHING', [jti, exp]);
    this.revocations.forget(jti);
    await this.db.query('DELETE FROM revoked_tokens WHERE expires_at < now()');
  }

  /**
   * A key object, not the secret's text: given text, jsonwebtoken first tries to read it as a
   * public key, and that failed attempt on every request was 7 % of the API's CPU under load.
   */
  private signingKey(): Promise<KeyObject> {
    this.key ??= (this.settings.jwtSecret
      ? Promise.resolve(this.settings.jwtSecret)
      : this.db
          .query(
            `INSERT INTO secrets.auth_secrets (name, value) VALUES ('token_signing', $1) ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name
             RETURNING value`,
            [randomBytes(48).toString('base64url')],
          )
          .then((rows: { value: string }[]) => rows[0].value)
    ).then((secret) => createSecretKey(Buffer.from(secret)));
    return this.key;
  }
}
