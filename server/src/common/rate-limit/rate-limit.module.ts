import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { MetricsListener } from '../metrics/metrics.listener';
import { CreateRateLimitInterceptor } from './rate-limit.interceptor';
import { RateLimitService } from './rate-limit.service';

/** Rate limits for every module: the service, and the interceptor behind `@LimitCreates()`. */
@Global()
@Module({
  providers: [
    RateLimitService,
    MetricsListener,
    { provide: APP_INTERCEPTOR, useClass: CreateRateLimitInterceptor },
  ],
  exports: [RateLimitService],
})
export class RateLimitModule {}
