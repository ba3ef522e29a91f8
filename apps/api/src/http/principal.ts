import type { Role } from '#domain';

/** The signed-in user a request acts for. */
export interface Principal {
  username: string;
  roles: Role[];
}

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}
