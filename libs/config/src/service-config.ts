/** The environment every Tenantry service shares: database, broker, HTTP port, logging and telemetry. */
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min } from 'class-validator';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class ServiceConfig {
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// connection URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/tenantry';

  @Matches(/^[^,\s:]+:\d{1,5}(,[^,\s:]+:\d{1,5})*$/, { message: 'must be a comma-separated list of host:port' })
  KAFKA_BROKERS = '127.0.0.1:9092';

  @Type(() => Number)
  @IsInt({ message: 'must be an integer port number' })
  @Min(0, { message: 'must be a port between 0 and 65535' })
  @Max(65535, { message: 'must be a port between 0 and 65535' })
  PORT = 0;

  @IsString()
  HOST = '127.0.0.1';

  @IsIn(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: LogLevel = 'info';

  /** How often the outbox relay polls when no NOTIFY wakes it. */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Min(10, { message: 'must be at least 10 ms' })
  OUTBOX_POLL_MS = 500;

  /** Seconds without consumer progress (while messages wait) before readiness reports a stall. */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of seconds' })
  @Min(1, { message: 'must be at least 1 second' })
  CONSUMER_STALL_SECONDS = 60;

  /**
   * Put before every consumer group id (and so its dead-letter topic): lets two deployments, or a
   * test stack, share one broker without taking each other's partitions. Empty by default.
   */
  @Matches(/^[A-Za-z0-9._-]{0,100}$/, { message: 'must be up to 100 letters, digits, dots, dashes or underscores' })
  KAFKA_GROUP_PREFIX = '';

  /**
   * Where a consumer group with no committed offsets starts: `earliest` (a new deployment processes
   * every retained event) or `latest` (a throwaway stack next to others on a shared broker, such as
   * the fault run and the benchmark, with a group prefix of its own).
   */
  @IsIn(['earliest', 'latest'], { message: 'must be earliest or latest' })
  KAFKA_NEW_GROUPS_FROM: 'earliest' | 'latest' = 'earliest';

  @IsOptional()
  @IsUrl({ require_tld: false }, { message: 'must be an http(s) URL of an OTLP/HTTP collector' })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string = undefined;

  /**
   * The management port: `/metrics` and the detailed `/health/ready` (libs/service
   * management-server.ts), never on the public port. Unset: PORT + 1000 (3000 → 4000), or any free
   * port (announced in the log) when PORT is 0.
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be an integer port number' })
  @Min(0, { message: 'must be a port between 0 and 65535' })
  @Max(65535, { message: 'must be a port between 0 and 65535' })
  MANAGEMENT_PORT?: number = undefined;

  /** Where the management port listens: loopback by default; 0.0.0.0 in a pod, for Prometheus and the kubelet. */
  @IsString()
  MANAGEMENT_HOST = '127.0.0.1';

  /**
   * Tests only, unset in every deployment: a JSON file `{"offsetMs": <integer>}` whose offset is
   * added to every reading of the service's Clock (libs/service OffsetFileClock), so an end-to-end
   * test moves the time of all service processes at once by rewriting one file.
   */
  @IsOptional()
  @IsString()
  TENANTRY_TEST_CLOCK_FILE?: string = undefined;
}
