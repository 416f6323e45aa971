import {
  applyDecorators,
  type CanActivate,
  type ExecutionContext,
  Injectable,
  SetMetadata,
  type Type,
  UseGuards,
} from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import { notFound } from '../errors/domain-error';
import { isUuid } from '../validation/uuid.util';
import type { AppRequest, AuthContext, Membership } from './auth.types';

const RESOURCE_ACCESS = 'coalesce:resource-access';

/** What a resource check may read of the request: the caller and the route's ids. */
export class AccessRequest {
  constructor(private readonly req: AppRequest) {}

  get auth(): AuthContext {
    if (!this.req.auth) throw new Error('ResourceAccess on a public route');
    return this.req.auth;
  }

  /** The caller's membership of `:wid` (set by the workspace guard). */
  get member(): Membership {
    if (!this.req.membership) throw new Error('ResourceAccess member read on a route without :wid');
    return this.req.membership;
  }

  /** The path id `param`, lower-cased; a malformed one is as unknown as a missing row: 404. */
  id(param: string, what: string): string {
    const value = (this.req.params as Record<string, string | undefined>)[param];
    if (!isUuid(value)) throw notFound(what);
    return value.toLowerCase();
  }

  /**
   * The top-level keys of the raw, not yet validated body: for rules about which fields a
   * caller may touch at all (403), which the contract answers before the values' 400.
   */
  get bodyKeys(): string[] {
    const body: unknown = this.req.body;
    return typeof body === 'object' && body !== null && !Array.isArray(body)
      ? Object.keys(body)
      : [];
  }
}

type AccessCheck<S> = (service: S, req: AccessRequest) => unknown;

/**
 * `@ResourceAccess(ExperimentsService, (s, r) => s.authorizeWrite(r.member, r.id('eid', …)))`:
 * the service's check of the row the route names — 404 when it is unknown, 403 when a rule
 * about it refuses the caller — as a guard. Guards run after the global ones (401, the
 * workspace's 404/403) and before every pipe, so the handler can take its body already parsed
 * (`@Body(new ZodPipe(schema))`) and the contract's 401 → 404 → 403 → 400 → 409 holds.
 */
export function ResourceAccess<S>(service: Type<S>, check: AccessCheck<S>) {
  return applyDecorators(
    SetMetadata(RESOURCE_ACCESS, { service, check }),
    UseGuards(ResourceAccessGuard),
  );
}

@Injectable()
export class ResourceAccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly moduleRef: ModuleRef,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.get<{ service: Type; check: AccessCheck<unknown> } | undefined>(
      RESOURCE_ACCESS,
      ctx.getHandler(),
    );
    if (!rule) return true;
    const service: unknown = this.moduleRef.get(rule.service, { strict: false });
    await rule.check(service, new AccessRequest(ctx.switchToHttp().getRequest<AppRequest>()));
    return true;
  }
}
