import { DynamicModule, Module } from '@nestjs/common';
import { ServiceModule } from '@tenantry/service';
import { MeteringConfig } from './metering.config';
import { SERVICE } from './service';

@Module({})
export class AppModule {
  static register(config: MeteringConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceModule.forRoot({ definition: SERVICE, config })],
    };
  }
}
