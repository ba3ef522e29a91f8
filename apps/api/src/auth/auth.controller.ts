import { Body, Controller, HttpCode, Post, Req, UnauthorizedException } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Issuer, type CommandMetadata } from '../http/command-metadata.js';
import { Public } from './access.decorators.js';
import { hashPassword, passwordMatches } from './password.js';
import { SignInThrottle } from './sign-in-throttle.js';
import { TokensService } from './tokens.service.js';
import { UserAccountCommand } from './users/user-account.command.js';
import { UserAccounts } from './users/user-accounts.js';
import { ChangePasswordDto, LoginDto } from './users/users.dto.js';

const WRONG = () => new UnauthorizedException({ code: 'wrong_credentials', detail: 'wrong username or password' });

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly accounts: UserAccounts,
    private readonly tokens: TokensService,
    private readonly throttle: SignInThrottle,
    private readonly commands: CommandBus,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in: a signed, expiring access token for `Authorization: Bearer`' })
  async login(@Body() { username, password }: LoginDto, @Req() request: Request) {
    const address = request.ip ?? 'unknown';
    await this.throttle.beforeAttempt(username, address);
    const user = await this.accounts.find(username);
    // The same answer for an unknown user, a wrong password and a disabled account.
    if (user.status !== 'active' || !(await passwordMatches(user.passwordHash, password))) {
      await this.throttle.failed(username);
      throw WRONG();
    }
    await this.throttle.succeeded(username, address);
    return { ...(await this.tokens.issue(username, user.sessionGeneration)), username, roles: user.roles };
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Sign out: this token stops working' })
  async logout(@Req() request: Request) {
    const token = (request.header('authorization') ?? '').replace(/^Bearer\s+/i, '');
    const { jti, exp } = await this.tokens.verify(token);
    await this.tokens.revoke(jti, exp);
  }

  @Post('password')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change your own password' })
  async changePassword(@Body() body: ChangePasswordDto, @Issuer() meta: CommandMetadata) {
    const user = await this.accounts.find(meta.userId);
    if (user.status !== 'active' || !(await passwordMatches(user.passwordHash, body.currentPassword))) throw WRONG();
    const passwordHash = await hashPassword(body.newPassword);
    await this.commands.execute(new UserAccountCommand({ type: 'ChangePassword', data: { username: meta.userId, passwordHash } }, meta));
  }
}
