import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AccessGuard } from './access.guard.js';
import { AuthController } from './auth.controller.js';
import type { AuthSettings } from '#tracker';
import { AUTH_SETTINGS } from './auth-settings.js';
import { BootstrapAdminService } from './bootstrap-admin.service.js';
import { ConfidentialSourcesInterceptor } from './confidential-sources.interceptor.js';
import { RateLimits } from './rate-limits.js';
import { SignInThrottle } from './sign-in-throttle.js';
import { TokensService } from './tokens.service.js';
import { UserAccountHandler } from './users/user-account.handler.js';
import { UserAccounts } from './users/user-accounts.js';
import { UsersController } from './users/users.controller.js';

@Global()
@Module({})
export class AuthModule {
  static forRoot(settings: AuthSettings): DynamicModule {
    return {
      module: AuthModule,
      controllers: [AuthController, UsersController],
      providers: [
        { provide: AUTH_SETTINGS, useValue: settings },
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_INTERCEPTOR, useClass: ConfidentialSourcesInterceptor },
        TokensService,
        RateLimits,
        SignInThrottle,
        UserAccounts,
        UserAccountHandler,
        BootstrapAdminService,
      ],
      exports: [UserAccounts, AUTH_SETTINGS],
    };
  }
}
