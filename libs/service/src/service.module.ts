/** The chassis module every service imports: config, database, Kafka, logging, metrics, health, errors. */
import { DynamicModule, Global, Module, Provider, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_PIPE, DiscoveryModule } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { ServiceConfig } from '@tenantry/config';
import { createKafka, OutboxWriter } from '@tenantry/messaging';
import { createLogger, Logger, ServiceMetrics } from '@tenantry/observability';
import { createDataSource, ensureDatabase, PostgresTransactions, runMigrations, Transactions } from '@tenantry/persistence';
import { Clock, SystemClock } from './clock';
import { HealthController } from './health.controller';
import { MessagingHost } from './messaging-host';
import { ProblemDetailsFilter, validationProblem } from './problem-details';
import { KAFKA, LOGGER, SERVICE_CONFIG, SERVICE_DEFINITION, ServiceDefinition } from './service-definition';

/** Consumers are not listed here: each feature module provides its own, marked `@ConsumesEvents()`. */
export interface ServiceModuleOptions<C extends ServiceConfig> {
  definition: ServiceDefinition<C>;
  config: C;
  /** The service's time (default the system clock); an in-process test hands a ManualClock here. */
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
          });
          await dataSource.initialize();
          const applied = await runMigrations(dataSource, definition.schema);
          if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');
          return dataSource;
        },
      },
      { provide: Transactions, useClass: PostgresTransactions },
      MessagingHost,
      options.clock ? { provide: Clock, useValue: options.clock } : { provide: Clock, useClass: SystemClock },
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
    return {
      module: ServiceModule,
      imports: [DiscoveryModule],
      controllers: [HealthController],
      providers,
      exports: [SERVICE_CONFIG, definition.config, LOGGER, ServiceMetrics, KAFKA, OutboxWriter, DataSource, Transactions, MessagingHost, Clock],
    };
  }
}

export type { Logger };
