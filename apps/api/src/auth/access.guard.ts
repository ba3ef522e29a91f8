import { ForbiddenException, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { can, type Permission } from '#domain';
import type { Request } from 'express';
import { PUBLIC, REQUIRES } from './access.decorators.js';
import { TokensService } from './tokens.service.js';
import { UserAccounts } from './users/user-accounts.js';

/**
 * Every route needs a signed-in, active user unless marked @Public(); a route marked
 * @Requires(permission) also needs a role that grants it. Roles are read from the account's
 * stream on each request, so a change of roles or a disabled account counts at once.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokensService,
    private readonly accounts: UserAccounts,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<Request>();
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) {
      // A public route may still say more to a signed-in user (health, to an administrator).
      if (request.header('authorization')) await this.signIn(request).catch(() => undefined);
      return true;
    }
    const user = await this.signIn(request);
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(REQUIRES, targets);
    if (permission && !can(user.roles, permission)) {
      throw new ForbiddenException({ statusCode: 403, error: 'forbidden', message: `your roles do not allow this (${permission})` });
    }
    return true;
  }

  private async signIn(request: Request) {
    const header = request.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthorizedException({ statusCode: 401, error: 'sign_in_required', message: 'sign in: send Authorization: Bearer <token>' });
    const { username } = await this.tokens.verify(match[1]);
    const user = await this.accounts.find(username);
    if (user.status !== 'active') throw new UnauthorizedException({ statusCode: 401, error: 'account_disabled', message: 'this account is disabled' });
    request.principal = { username, roles: user.roles };
    return user;
  }
}
