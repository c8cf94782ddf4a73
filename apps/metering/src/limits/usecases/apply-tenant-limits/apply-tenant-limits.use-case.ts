/**
 * Keeps a tenant's limits at their highest version and, when they change, evaluates the tenant's
 * current billing month against them in the same transaction (a lowered limit may be reached already).
 */
import { Injectable } from '@nestjs/common';
import { Transaction } from '@tenantry/persistence';
import { DECIMAL_PATTERN } from '@tenantry/contracts';
import { NonRetryableError } from '@tenantry/messaging';
import { Clock } from '@tenantry/service';
import { EvaluateLimitAlertsCommand } from '../../../alerts/usecases/evaluate-limit-alerts/evaluate-limit-alerts.command';
import { EvaluateLimitAlertsUseCase } from '../../../alerts/usecases/evaluate-limit-alerts/evaluate-limit-alerts.use-case';
import { windowStart } from '../../../billable-metrics/metric-catalogue';
import { LimitsRepository } from '../../limits.repository';
import { TenantLimit } from '../../tenant-limit.row';
import { ApplyTenantLimitsCommand } from './apply-tenant-limits.command';

@Injectable()
export class ApplyTenantLimitsUseCase {
  constructor(
    private readonly limits: LimitsRepository,
    private readonly evaluate: EvaluateLimitAlertsUseCase,
    private readonly clock: Clock,
  ) {}

  async execute(command: ApplyTenantLimitsCommand, tx: Transaction): Promise<{ applied: boolean }> {
    const tenantId = command.tenantId.toLowerCase();
    const byMetric = new Map<string, TenantLimit>();
    for (const entry of command.limits) {
      // The contract types the limit as a string; anything but an exact non-negative decimal is a producer bug.
      if (!DECIMAL_PATTERN.test(entry.limit)) throw new NonRetryableError(`limit of ${entry.metric} is not a decimal: ${entry.limit}`);
      byMetric.set(entry.metric, { metric: entry.metric, limit: entry.limit, mode: entry.mode });
    }
    const limits = [...byMetric.values()];
    const applied = await this.limits.replace(tx, { tenantId, version: command.version, changedAt: command.at, limits });
    if (!applied) return { applied };

    const periodStart = windowStart('month', this.clock.now());
    await this.evaluate.execute(new EvaluateLimitAlertsCommand(limits.map((limit) => ({ tenantId, metric: limit.metric, periodStart }))), tx);
    return { applied };
  }
}
