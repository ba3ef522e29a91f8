import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Issuer, type CommandMetadata } from '../../http/command-metadata.js';
import { Requires } from '../access.decorators.js';
import { hashPassword } from '../password.js';
import { ChangeRolesDto, CreateUserDto, DisableUserDto } from './users.dto.js';
import { UserAccountCommand } from './user-account.command.js';
import { UserAccounts } from './user-accounts.js';

@ApiTags('users')
@ApiBearerAuth()
@Requires('users:manage')
@Controller('api/users')
export class UsersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly accounts: UserAccounts,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create an account with its roles (administrators)' })
  async create(@Body() body: CreateUserDto, @Issuer() meta: CommandMetadata) {
    const passwordHash = await hashPassword(body.password);
    const result = await this.commands.execute(new UserAccountCommand({ type: 'CreateUser', data: { username: body.username, roles: body.roles, passwordHash } }, meta));
    return { username: body.username, roles: body.roles, version: result.version };
  }

  @Get()
  @ApiOperation({ summary: 'Every account with its roles and status' })
  async list() {
    return { users: (await this.accounts.list()).map(({ username, roles, status }) => ({ username, roles, status })) };
  }

  @Put(':username/roles')
  @ApiOperation({ summary: 'Replace the roles of an account' })
  roles(@Param('username') username: string, @Body() body: ChangeRolesDto, @Issuer() meta: CommandMetadata) {
    return this.commands.execute(new UserAccountCommand({ type: 'ChangeRoles', data: { username, roles: body.roles } }, meta));
  }

  @Post(':username/disabling')
  @HttpCode(200)
  @ApiOperation({ summary: 'Disable an account: its tokens stop working at once' })
  disable(@Param('username') username: string, @Body() body: DisableUserDto, @Issuer() meta: CommandMetadata) {
    return this.commands.execute(new UserAccountCommand({ type: 'DisableUser', data: { username, reason: body.reason } }, meta, { reason: body.reason }));
  }

  @Post(':username/enabling')
  @HttpCode(200)
  @ApiOperation({ summary: 'Enable a disabled account again' })
  enable(@Param('username') username: string, @Issuer() meta: CommandMetadata) {
    return this.commands.execute(new UserAccountCommand({ type: 'EnableUser', data: { username } }, meta));
  }
}
