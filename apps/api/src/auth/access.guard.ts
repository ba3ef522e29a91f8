import { ForbiddenException, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { can, type Permission, type UserState } from '#domain';
import type { Request } from 'express';
import { PUBLIC, REQUIRES } from './access.decorators.js';
import { RateLimits, tooMany } from './rate-limits.js';
import { TokensService } from './tokens.service.js';
import { UserAccounts } from './users/user-accounts.js';

/**
 * Every route needs a signed-in, active user unless marked @Public(); a route marked
 * @Requires(permission) also needs a role that grants it. Roles come from the account's stream,
 * so a change of roles or a disabled account counts at once, and a token issued before the
 * account's last password change, disabling, enabling or role removal is over. A request that
 * passes may rely on a read of the account from the last moment (UserAccounts.recent, changes made
 * through another instance count within SIGN_IN_CHECK_TTL_MS); one that would be refused is
 * checked again against the stream as it is now before it is.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokensService,
    private readonly accounts: UserAccounts,
    private readonly rates: RateLimits,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<Request>();
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) {
      // A public route may still say more to a signed-in user (health, to an administrator).
      if (request.header('authorization')) await this.signIn(request).catch(() => undefined);
      return true;
    }
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(REQUIRES, targets);
    const user = await this.signIn(request, permission);
    // Writes are counted per user, however the token is spelled or however many tokens they hold.
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      await RateLimits.take(this.rates.writes, user.username, (wait) => tooMany('rate_limited', 'too many writes', wait));
    }
    if (permission && !can(user.roles, permission)) {
      throw new ForbiddenException({ code: 'forbidden', detail: `your roles do not allow this (${permission})` });
    }
    return true;
  }

  private async signIn(request: Request, permission?: Permission) {
    const header = request.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthorizedException({ code: 'sign_in_required', detail: 'sign in: send Authorization: Bearer <token>' });
    const { username, sessionGeneration } = await this.tokens.verify(match[1]);
    const admits = (user: UserState) =>
      user.status === 'active' && user.sessionGeneration === sessionGeneration && (!permission || can(user.roles, permission));
    let user = await this.accounts.recent(username);
    if (!admits(user)) user = await this.accounts.recent(username, true);
    if (user.status !== 'active') throw new UnauthorizedException({ code: 'account_disabled', detail: 'this account is disabled' });
    if (user.sessionGeneration !== sessionGeneration) {
      throw new UnauthorizedException({ code: 'session_ended', detail: 'the account changed since this token was issued: sign in again' });
    }
    request.principal = { username, roles: user.roles };
    return user;
  }
}
