// The rate-limit feature's public surface.
export { RateLimitModule } from './rate-limit.module';
export { RateLimiter } from './rate-limiter';
export type { FoundCaller } from './rate-limiter';
export { AddressRateLimitGuard } from './address-rate-limit.guard';
