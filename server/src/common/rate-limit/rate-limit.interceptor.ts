import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { catchError, from, type Observable, switchMap, throwError } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import type { AppRequest } from '../auth/auth.types';
import { RateLimitedError } from '../errors/domain-error';
import { type LimitSpec, RateLimitService } from './rate-limit.service';

const LIMIT_CREATES = Symbol('LIMIT_CREATES');

/**
 * Marks a create endpoint: each user may create `RATE_LIMIT_CREATES_PER_MINUTE` things of this
 * kind per minute; more → 429 with Retry-After. Only successful creates count: the attempt is
 * counted atomically before the handler and given back when it fails (a 400 stays a 400 and
 * costs nothing).
 */
export const LimitCreates = (kind: string) => SetMetadata(LIMIT_CREATES, kind);

@Injectable()
export class CreateRateLimitInterceptor implements NestInterceptor {
  private readonly spec: LimitSpec;

  constructor(
    private readonly reflector: Reflector,
    private readonly limits: RateLimitService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.spec = { name: 'create', points: config.limits.createsPerMinute, durationSeconds: 60 };
  }

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const kind = this.reflector.get<string | undefined>(LIMIT_CREATES, ctx.getHandler());
    const userId = kind ? ctx.switchToHttp().getRequest<AppRequest>().auth?.userId : undefined;
    if (!kind || !userId) return next.handle();
    const key = `${kind}:${userId}`;
    return from(this.limits.consume(this.spec, key)).pipe(
      switchMap(() => next.handle()),
      catchError((err: unknown) => {
        if (!(err instanceof RateLimitedError)) {
          void this.limits.reward(this.spec, key);
        }
        return throwError(() => err);
      }),
    );
  }
}
