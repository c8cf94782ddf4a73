/** What a Tenantry service declares about itself; the chassis does the rest. */
import { DataSourceOptions } from 'typeorm';
import { ServiceConfig } from '@tenantry/config';
import { BatchHandler, EventHandlers } from '@tenantry/messaging';

export interface ServiceDefinition<C extends ServiceConfig = ServiceConfig> {
  /** Service name: log field, ce_source, consumer-group prefix. */
  name: string;
  /** The service's own Postgres schema. */
  schema: string;
  config: new () => C;
  migrations: DataSourceOptions['migrations'];
  /**
   * Who calls its HTTP routes. `internal` (the default): the gateway, with an internal token for this
   * service that the chassis verifies on every route but health and metrics (INTERNAL_AUTH_VERIFY_KEYS
   * required). `public`: the service authenticates its callers itself (only the gateway, with API keys).
   */
  callers?: 'internal' | 'public';
}

/**
 * A Kafka consumer of a service: a provider of the feature module that owns its use cases, marked
 * `@ConsumesEvents()`. `groupId` comes from the service's CONSUMER_GROUPS (service.ts), the one
 * place a service names its groups; the chassis puts KAFKA_GROUP_PREFIX before it.
 */
export interface EventConsumerSpec {
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly handlers?: EventHandlers;
  readonly batch?: BatchHandler;
  readonly partitionsConsumedConcurrently?: number;
  /** Where a new consumer group starts: the beginning of the topic (default) or its end. */
  readonly fromBeginning?: boolean;
}

export const SERVICE_DEFINITION = Symbol('SERVICE_DEFINITION');
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export const KAFKA = Symbol('KAFKA');
export const LOGGER = Symbol('LOGGER');
