import {
  applyDecorators,
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode } from '@coalesce/shared';
import { DomainError } from '../errors/domain-error';
import { isUuid } from '../validation/uuid.util';
import {
  type AppRequest,
  MEMBERSHIP_LOOKUP,
  type MembershipLookup,
  type MembershipPolicy,
} from './auth.types';

export const WORKSPACE_POLICY = 'coalesce:workspace-policy';

/** A well-formed workspace id (any case); anything else is a 404 on `:wid` routes. */
export const isWorkspaceId = (wid: string): boolean => isUuid(wid);

/**
 * `@WorkspaceAccess(canUpdateWorkspace)`: the caller's membership of `:wid` must satisfy the
 * policy, else 403. Membership itself is checked on every `:wid` route, decorated or not.
 */
export const WorkspaceAccess = (policy: MembershipPolicy, message?: string) =>
  applyDecorators(SetMetadata(WORKSPACE_POLICY, { policy, message }));

/**
 * Global guard after AuthGuard, before pipes: on any route with a `:wid` path parameter, a
 * malformed id or a workspace the caller is not a member of is 404 (we never reveal which), a
 * failing role policy is 403 — both before the body is validated (contract precedence).
 */
@Injectable()
export class WorkspaceAccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(MEMBERSHIP_LOOKUP) private readonly lookup: MembershipLookup,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const req = ctx.switchToHttp().getRequest<AppRequest>();
    const wid = (req.params as Record<string, string | undefined>)?.wid;
    if (wid === undefined || !req.auth) return true;
    if (!isUuid(wid)) throw new DomainError(ErrorCode.NOT_FOUND, 'Workspace not found');
    const workspaceId = wid.toLowerCase();
    // Read with the session by the auth guard when it could (same request, same user).
    const pre = req.prefetchedMembership;
    const membership =
      pre && pre.workspaceId === workspaceId
        ? pre.membership
        : await this.lookup.membershipOf(workspaceId, req.auth.userId);
    if (!membership) throw new DomainError(ErrorCode.NOT_FOUND, 'Workspace not found');
    req.membership = membership;
    const rule = this.reflector.getAllAndOverride<
      { policy: MembershipPolicy; message?: string } | undefined
    >(WORKSPACE_POLICY, [ctx.getHandler(), ctx.getClass()]);
    if (rule && !rule.policy(membership)) {
      throw new DomainError(
        ErrorCode.FORBIDDEN,
        rule.message ?? 'Your role in this workspace does not allow this',
      );
    }
    return true;
  }
}
