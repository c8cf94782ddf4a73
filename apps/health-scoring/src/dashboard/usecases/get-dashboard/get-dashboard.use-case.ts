/** A tenant's dashboard from health scoring's own projection only; 404 when it knows nothing of the tenant. */
import { Injectable } from '@nestjs/common';
import { TenantDashboardDto } from '@tenantry/health-api';
import { tenantScope } from '@tenantry/persistence';
import { Clock } from '@tenantry/service';
import { toHealthView } from '../../../health/health.mapper';
import { HEALTH_PROBLEMS } from '../../../health/health.problems';
import { HealthRepository } from '../../../projection/health.repository';
import { DAY_MS } from '../../../scoring/health-score';
import { buildDashboard } from '../../dashboard';
import { GetDashboardCommand } from './get-dashboard.command';

const HORIZON_DAYS = 400;

@Injectable()
export class GetDashboardUseCase {
  constructor(
    private readonly health: HealthRepository,
    private readonly clock: Clock,
  ) {}

  async execute(command: GetDashboardCommand): Promise<TenantDashboardDto> {
    const scope = tenantScope(command.tenantId);
    const now = this.clock.now();
    const score = await this.health.current(undefined, scope);
    if (!score) throw HEALTH_PROBLEMS['health-not-found'](`nothing is known of tenant ${command.tenantId}`);
    const [signals, usage, totals, churn] = await Promise.all([
      this.health.signals(undefined, scope, new Date(now.getTime() - HORIZON_DAYS * DAY_MS)),
      this.health.usageSnapshot(scope, now),
      this.health.usageTotals(undefined, scope, now),
      this.health.openEpisodes(undefined, scope),
    ]);
    return buildDashboard({ tenantId: command.tenantId, signals, usage, totals, health: toHealthView(command.tenantId, score, churn), asOf: score.computedAt, now });
  }
}
