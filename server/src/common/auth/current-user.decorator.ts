import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '@coalesce/shared';
import type { AppRequest, AuthContext, Membership } from './auth.types';

/** `@CurrentUser() me: AuthContext` — the authenticated caller (never on @Public routes). */
export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AuthContext => {
    const auth = ctx.switchToHttp().getRequest<AppRequest>().auth;
    if (!auth) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Not signed in');
    return auth;
  },
);

/** `@CurrentMember() m: Membership` — the caller's membership of the route's `:wid`. */
export const CurrentMember = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Membership => {
    const m = ctx.switchToHttp().getRequest<AppRequest>().membership;
    if (!m) throw new Error('CurrentMember used on a route without :wid');
    return m;
  },
);
