import { DynamicModule, Module } from '@nestjs/common';
import { ServiceModule } from '@tenantry/service';
import { TenantRegistryConfig } from './tenant-registry.config';
import { SERVICE } from './service';

@Module({})
export class AppModule {
  static register(config: TenantRegistryConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceModule.forRoot({ definition: SERVICE, config })],
    };
  }
}
