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
  /** Only tests change these (the API's SIGN_IN_LIMITS are the defaults). */
  signInLimits?: Partial<SignInLimits>;
}

/** How sign-in failures are answered; tests shorten them. */
export interface SignInLimits {
  /** Failures one address may make on one account before it waits (429). */
  failuresPerAddress: number;
  /** How long those failures count. */
  failureWindowSeconds: number;
  /** Failures on one account, from anywhere, before every attempt on it is slowed down. */
  failuresBeforeSlowing: number;
  /** The longest an attempt is slowed down. */
  maxDelayMs: number;
  /** Failures on one account in the window after which only addresses it signed in from before may try. */
  failuresBeforeStrangersWait: number;
  /** The account-wide window. */
  accountWindowSeconds: number;
}
