/** The chassis module every service imports: config, database, Kafka, logging, metrics, health, errors. */
import { DynamicModule, Global, Module, Provider, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE, DiscoveryModule, Reflector } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { ConfigError, InternalServiceConfig, ServiceConfig } from '@tenantry/config';
import { InternalKeyError, parseServiceKeys, parseVerifyKeys, ServiceKeys, VerifyKeys } from '@tenantry/internal-auth';
import { createKafka, OutboxWriter } from '@tenantry/messaging';
import { createLogger, Logger, ServiceMetrics } from '@tenantry/observability';
import { createDataSource, ensureDatabase, PostgresTransactions, runMigrations, SERVICE_IDLE_CONNECTION_MS, Transactions } from '@tenantry/persistence';
import { Clock, clockFromConfig } from './clock';
import { HealthController } from './health.controller';
import { InternalAuthGuard } from './internal-auth.guard';
import { MessagingHost } from './messaging-host';
import { ProblemDetailsFilter, validationProblem } from './problem-details';
import { KAFKA, LOGGER, SERVICE_CONFIG, SERVICE_DEFINITION, ServiceDefinition } from './service-definition';

/** Consumers are not listed here: each feature module provides its own, marked `@ConsumesEvents()`. */
export interface ServiceModuleOptions<C extends ServiceConfig> {
  definition: ServiceDefinition<C>;
  config: C;
  /** The service's time (default the system clock, or TENANTRY_TEST_CLOCK_FILE's offset clock in tests); an in-process test hands a ManualClock here. */
  clock?: Clock;
}

@Global()
@Module({})
export class ServiceModule {
  static forRoot<C extends ServiceConfig>(options: ServiceModuleOptions<C>): DynamicModule {
    const { definition, config } = options;
    const logger = createLogger(definition.name, config.LOG_LEVEL);
    const providers: Provider[] = [
      { provide: SERVICE_DEFINITION, useValue: definition },
      { provide: SERVICE_CONFIG, useValue: config },
      { provide: definition.config, useValue: config },
      { provide: LOGGER, useValue: logger },
      { provide: ServiceMetrics, useValue: new ServiceMetrics(definition.name) },
      { provide: KAFKA, useValue: createKafka({ clientId: definition.name, brokers: config.KAFKA_BROKERS, logger }) },
      { provide: OutboxWriter, useValue: new OutboxWriter(definition.name) },
      {
        provide: DataSource,
        useFactory: async () => {
          await ensureDatabase(config.DATABASE_URL);
          const dataSource = createDataSource({
            url: config.DATABASE_URL,
            schema: definition.schema,
            applicationName: definition.name,
            migrations: definition.migrations,
            idleTimeoutMs: SERVICE_IDLE_CONNECTION_MS,
          });
          await dataSource.initialize();
          const applied = await runMigrations(dataSource, definition.schema);
          if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');
          return dataSource;
        },
      },
      { provide: Transactions, useClass: PostgresTransactions },
      MessagingHost,
      { provide: Clock, useValue: options.clock ?? clockFromConfig(config) },
      { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      {
        provide: APP_PIPE,
        useValue: new ValidationPipe({
          whitelist: true,
          forbidNonWhitelisted: true,
          transform: true,
          exceptionFactory: validationProblem,
        }),
      },
    ];
    if ((definition.callers ?? 'internal') === 'internal') {
      const keys = verifyKeysOf(config);
      const serviceKeys = serviceKeysOf(config);
      providers.push({ provide: APP_GUARD, useFactory: (reflector: Reflector) => new InternalAuthGuard(reflector, keys, definition.name, serviceKeys), inject: [Reflector] });
    }
    return {
      module: ServiceModule,
      imports: [DiscoveryModule],
      controllers: [HealthController],
      providers,
      exports: [SERVICE_CONFIG, definition.config, LOGGER, ServiceMetrics, KAFKA, OutboxWriter, DataSource, Transactions, MessagingHost, Clock],
    };
  }
}

/** An internal service does not start without the keys its callers' tokens are checked with. */
function verifyKeysOf(config: ServiceConfig): VerifyKeys {
  const value = (config as Partial<InternalServiceConfig>).INTERNAL_AUTH_VERIFY_KEYS;
  if (!value) throw new ConfigError('INTERNAL_AUTH_VERIFY_KEYS', 'must be set (no default: see README, "Security"); its config class must extend InternalServiceConfig');
  try {
    return parseVerifyKeys(value);
  } catch (error) {
    if (error instanceof InternalKeyError) throw new ConfigError('INTERNAL_AUTH_VERIFY_KEYS', error.message);
    throw error;
  }
}

/** Other services' own verify keys (INTERNAL_AUTH_SERVICE_KEYS), for the routes marked @ServiceCallers; unset: none. */
function serviceKeysOf(config: ServiceConfig): ServiceKeys {
  const value = (config as { INTERNAL_AUTH_SERVICE_KEYS?: string }).INTERNAL_AUTH_SERVICE_KEYS;
  if (!value) return new Map();
  try {
    return parseServiceKeys(value);
  } catch (error) {
    if (error instanceof InternalKeyError) throw new ConfigError('INTERNAL_AUTH_SERVICE_KEYS', error.message);
    throw error;
  }
}

export type { Logger };
