/** A tenant's score history, newest first; 404 when health scoring knows nothing of the tenant. */
import { Injectable } from '@nestjs/common';
import { tenantScope } from '@tenantry/persistence';
import { HealthRepository, HistoryEntry } from '../../../projection/health.repository';
import { HEALTH_PROBLEMS } from '../../health.problems';
import { GetHealthHistoryCommand } from './get-health-history.command';

@Injectable()
export class GetHealthHistoryUseCase {
  constructor(private readonly health: HealthRepository) {}

  async execute(command: GetHealthHistoryCommand): Promise<HistoryEntry[]> {
    const scope = tenantScope(command.tenantId);
    if (!(await this.health.current(undefined, scope))) throw HEALTH_PROBLEMS['health-not-found'](`no health score for tenant ${command.tenantId}`);
    return this.health.history(scope, command.limit);
  }
}
