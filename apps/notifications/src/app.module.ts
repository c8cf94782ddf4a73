import { DynamicModule, Module } from '@nestjs/common';
import { ServiceModule } from '@tenantry/service';
import { NotificationsConfig } from './notifications.config';
import { SERVICE } from './service';

@Module({})
export class AppModule {
  static register(config: NotificationsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceModule.forRoot({ definition: SERVICE, config })],
    };
  }
}
