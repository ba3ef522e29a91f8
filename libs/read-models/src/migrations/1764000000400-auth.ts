import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Sign-in state that is not a projection of events: the signing secret, signed-out tokens, failures. */
export class Auth1764000000400 implements MigrationInterface {
  name = 'Auth1764000000400';

  async up(db: QueryRunner): Promise<void> {
    await db.query('CREATE TABLE auth_secrets (name text PRIMARY KEY, value text NOT NULL)');
    await db.query('CREATE TABLE revoked_tokens (jti uuid PRIMARY KEY, expires_at timestamptz NOT NULL)');
    await db.query('CREATE TABLE login_failures (username text PRIMARY KEY, failures int NOT NULL, last_failed_at timestamptz NOT NULL)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE login_failures');
    await db.query('DROP TABLE revoked_tokens');
    await db.query('DROP TABLE auth_secrets');
  }
}
