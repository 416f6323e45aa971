import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC } from './public.decorator';
import { isWorkspaceId } from './workspace-access';
import { type AppRequest, REQUEST_AUTHENTICATOR, type RequestAuthenticator } from './auth.types';

/**
 * Global guard (first in line, so 401 precedes everything but body parsing): every route needs
 * a valid Bearer token or session cookie (+ CSRF header on unsafe methods) unless @Public().
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(REQUEST_AUTHENTICATOR) private readonly authenticator: RequestAuthenticator,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      ctx.getHandler(),
      ctx.getClass(),
    ]);
    if (isPublic) return true;
    const req = ctx.switchToHttp().getRequest<AppRequest>();
    // On `:wid` routes the membership comes with the session, for the workspace guard.
    const wid = (req.params as Record<string, string | undefined> | undefined)?.wid;
    req.auth = await this.authenticator.authenticateRequest(
      req,
      wid !== undefined && isWorkspaceId(wid) ? wid.toLowerCase() : undefined,
    );
    return true;
  }
}
