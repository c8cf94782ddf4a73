/** The notifications application: the chassis plus one module per feature (each provides its own Kafka consumers). */
import { DynamicModule, Module } from '@nestjs/common';
import { Clock, ServiceModule } from '@tenantry/service';
import { EmailModule } from './email/email.module';
import { NotificationsConfig } from './notifications.config';
import { SERVICE } from './service';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({})
export class AppModule {
  /** `options`: an in-process test's ManualClock and a schema of its own (defaults: the system clock, schema notifications). */
  static register(config: NotificationsConfig, options: { clock?: Clock; schema?: string } = {}): DynamicModule {
    const definition = options.schema ? { ...SERVICE, schema: options.schema } : SERVICE;
    return {
      module: AppModule,
      imports: [ServiceModule.forRoot({ definition, config, clock: options.clock }), WebhooksModule, EmailModule],
    };
  }
}
