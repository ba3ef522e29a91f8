import type { SignInLimits } from './rate-limits.js';

/** Sign-in and hardening settings, from the environment (see config.ts). */
export interface AuthSettings {
  /** The first administrator's password; one is generated and printed once when absent. */
  bootstrapAdminPassword?: string;
  /** Token signing secret; when absent one is made once and kept in the database (schema `secrets`). */
  jwtSecret?: string;
  tokenTtlMinutes: number;
  corsOrigins: string[];
  writesPerMinute: number;
  loginsPerMinute: number;
  /** Only tests change these (see SIGN_IN_LIMITS). */
  signInLimits?: Partial<SignInLimits>;
}

export const AUTH_SETTINGS = Symbol('AuthSettings');
