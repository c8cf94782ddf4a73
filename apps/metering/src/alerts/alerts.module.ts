/** Alerts from usage: limit thresholds (evaluated inside the transactions that change usage or limits, plus a periodic sweep) and the hourly anomaly check. */
import { Module } from '@nestjs/common';
import { AlertRepository } from './alert.repository';
import { PostgresAlertRepository } from './postgres-alert.repository';
import { AlertsScheduler } from './alerts.scheduler';
import { DetectAnomaliesUseCase } from './usecases/detect-anomalies/detect-anomalies.use-case';
import { EvaluateLimitAlertsUseCase } from './usecases/evaluate-limit-alerts/evaluate-limit-alerts.use-case';
import { SweepLimitAlertsUseCase } from './usecases/sweep-limit-alerts/sweep-limit-alerts.use-case';

@Module({
  providers: [{ provide: AlertRepository, useClass: PostgresAlertRepository }, EvaluateLimitAlertsUseCase, SweepLimitAlertsUseCase, DetectAnomaliesUseCase, AlertsScheduler],
  exports: [AlertRepository, EvaluateLimitAlertsUseCase, DetectAnomaliesUseCase],
})
export class AlertsModule {}
