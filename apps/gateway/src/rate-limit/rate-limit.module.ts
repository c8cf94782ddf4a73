/**
 * Request-rate limits per key, tenant and source address, in Redis buckets all gateway instances share.
 * Global: the authentication guard (AuthModule, imported by every feature) asks the limiter.
 */
import { Global, Module } from '@nestjs/common';
import { TenantStatusModule } from '../tenant-status';
import { RateLimiter } from './rate-limiter';
import { RateLimitStore } from './rate-limit.store';
import { RedisRateLimitStore } from './redis-rate-limit.store';
import { TenantPlans } from './tenant-plans';

@Global()
@Module({
  imports: [TenantStatusModule],
  providers: [{ provide: RateLimitStore, useClass: RedisRateLimitStore }, TenantPlans, RateLimiter],
  exports: [RateLimiter, TenantPlans],
})
export class RateLimitModule {}
