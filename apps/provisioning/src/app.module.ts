import { DynamicModule, Module } from '@nestjs/common';
import { ServiceModule } from '@tenantry/service';
import { ProvisioningConfig } from './provisioning.config';
import { SERVICE } from './service';

@Module({})
export class AppModule {
  static register(config: ProvisioningConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceModule.forRoot({ definition: SERVICE, config })],
    };
  }
}
