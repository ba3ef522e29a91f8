import { SetMetadata } from '@nestjs/common';
import type { Permission } from '#domain';

export const PUBLIC = 'tracker:public';
export const REQUIRES = 'tracker:requires';

/** Reachable without signing in (login, health). */
export const Public = () => SetMetadata(PUBLIC, true);

/** The permission a route needs; routes without one need only a signed-in user. */
export const Requires = (permission: Permission) => SetMetadata(REQUIRES, permission);
