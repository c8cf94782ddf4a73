import { DynamicModule, Module } from '@nestjs/common';
import { ServiceModule } from '@tenantry/service';
import { BillingConfig } from './billing.config';
import { SERVICE } from './service';

@Module({})
export class AppModule {
  static register(config: BillingConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceModule.forRoot({ definition: SERVICE, config })],
    };
  }
}
