/** A tenant's current score with its components, alerts and open churn-risk reasons; 404 when health scoring knows nothing of the tenant. */
import { Injectable } from '@nestjs/common';
import { tenantScope } from '@tenantry/persistence';
import { ChurnEpisode, HealthRepository, StoredScore } from '../../../projection/health.repository';
import { HEALTH_PROBLEMS } from '../../health.problems';
import { GetHealthCommand } from './get-health.command';

@Injectable()
export class GetHealthUseCase {
  constructor(private readonly health: HealthRepository) {}

  async execute(command: GetHealthCommand): Promise<{ score: StoredScore; churn: ChurnEpisode[] }> {
    const scope = tenantScope(command.tenantId);
    const score = await this.health.current(undefined, scope);
    if (!score) throw HEALTH_PROBLEMS['health-not-found'](`no health score for tenant ${command.tenantId}`);
    return { score, churn: await this.health.openEpisodes(undefined, scope) };
  }
}
