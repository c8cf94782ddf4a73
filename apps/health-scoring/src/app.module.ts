import { DynamicModule, Module } from '@nestjs/common';
import { ServiceModule } from '@tenantry/service';
import { HealthScoringConfig } from './health-scoring.config';
import { SERVICE } from './service';

@Module({})
export class AppModule {
  static register(config: HealthScoringConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceModule.forRoot({ definition: SERVICE, config })],
    };
  }
}
