/** Injection token of the sign-in and hardening settings (#tracker's AuthSettings, read by readConfig). */
export const AUTH_SETTINGS = Symbol('AuthSettings');
