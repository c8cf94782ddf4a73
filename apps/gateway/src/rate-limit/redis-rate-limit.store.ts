/**
 * The token buckets on Redis: one Lua script per call, so checking and charging every bucket of
 * the call is one round trip and atomic across gateway instances. Time is Redis' own (TIME), so
 * instances with skewed clocks still agree.
 */
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { Logger } from '@tenantry/observability';
import { LOGGER } from '@tenantry/service';
import { GatewayConfig } from '../gateway.config';
import { Bucket, RateLimitOutcome } from './rate-limit-policy';
import { RateLimitStore } from './rate-limit.store';

/**
 * KEYS: the buckets; ARGV: rate and burst of each. A bucket is a hash {tk: tokens, ts: ms}; missing
 * means full. Refused calls write nothing. Returns {allowed, tokens…} (tokens as strings: Redis
 * would truncate Lua numbers to integers).
 */
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local tokens = {}
local allowed = 1
for i = 1, #KEYS do
  local rate = tonumber(ARGV[2 * i - 1])
  local burst = tonumber(ARGV[2 * i])
  local state = redis.call('HMGET', KEYS[i], 'tk', 'ts')
  local tk = tonumber(state[1])
  local ts = tonumber(state[2])
  if tk == nil or ts == nil then
    tk = burst
  else
    tk = math.min(burst, tk + math.max(0, now - ts) * rate / 1000)
  end
  tokens[i] = tk
  if tk < 1 then allowed = 0 end
end
local out = { allowed }
for i = 1, #KEYS do
  local tk = tokens[i]
  if allowed == 1 then
    local rate = tonumber(ARGV[2 * i - 1])
    local burst = tonumber(ARGV[2 * i])
    tk = tk - 1
    redis.call('HSET', KEYS[i], 'tk', tostring(tk), 'ts', tostring(now))
    redis.call('PEXPIRE', KEYS[i], math.ceil(burst / rate * 1000) + 1000)
  end
  out[i + 1] = tostring(tk)
end
return out
`;

interface RedisWithTake extends Redis {
  rateLimitTake(numberOfKeys: number, ...keysAndArgs: (string | number)[]): Promise<[number, ...string[]]>;
}

@Injectable()
export class RedisRateLimitStore extends RateLimitStore implements OnApplicationShutdown {
  private readonly redis: RedisWithTake;

  constructor(config: GatewayConfig, @Inject(LOGGER) private readonly logger: Logger) {
    super();
    this.redis = new Redis(config.REDIS_URL, {
      // Fail fast instead of queueing while disconnected: the limiter lets calls through meanwhile.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: config.RATE_LIMIT_REDIS_TIMEOUT_MS,
      connectTimeout: 2_000,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
      connectionName: 'tenantry-gateway-ratelimit',
    }) as RedisWithTake;
    this.redis.defineCommand('rateLimitTake', { lua: TAKE });
    let lastWarning = 0;
    // ioredis reconnects by itself; say so at most every 30 s instead of on every attempt.
    this.redis.on('error', (error: Error) => {
      if (Date.now() - lastWarning < 30_000) return;
      lastWarning = Date.now();
      this.logger.warn({ err: error }, 'rate-limit Redis unavailable: calls are let through unthrottled until it answers again');
    });
  }

  async take(buckets: Bucket[]): Promise<RateLimitOutcome | undefined> {
    try {
      const keys = buckets.map((b) => b.key);
      const args = buckets.flatMap((b) => [b.rate, b.burst]);
      const [allowed, ...tokens] = await this.redis.rateLimitTake(keys.length, ...keys, ...args);
      return { allowed: allowed === 1, states: buckets.map((bucket, i) => ({ bucket, tokens: Number(tokens[i]) })) };
    } catch {
      return undefined;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }
}
