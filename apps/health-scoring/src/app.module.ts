/** The health-scoring application: the chassis plus one module per feature (each provides its own Kafka consumers). */
import { DynamicModule, Module } from '@nestjs/common';
import { AnalyticsModule } from './analytics/analytics.module';
import { Clock, ServiceModule } from '@tenantry/service';
import { DashboardModule } from './dashboard/dashboard.module';
import { FeedbackModule } from './feedback/feedback.module';
import { HealthScoringConfig } from './health-scoring.config';
import { HealthModule } from './health/health.module';
import { JourneysModule } from './journeys/journeys.module';
import { SERVICE } from './service';

@Module({})
export class AppModule {
  /** `options`: an in-process test's ManualClock and a schema of its own (defaults: the system clock, schema health_scoring). */
  static register(config: HealthScoringConfig, options: { clock?: Clock; schema?: string } = {}): DynamicModule {
    const definition = options.schema ? { ...SERVICE, schema: options.schema } : SERVICE;
    return {
      module: AppModule,
      imports: [ServiceModule.forRoot({ definition, config, clock: options.clock }), HealthModule, FeedbackModule, DashboardModule, JourneysModule, AnalyticsModule],
    };
  }
}
