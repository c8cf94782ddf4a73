/** The environment of the health-scoring service. */
import { ServiceConfig } from '@tenantry/config';

export class HealthScoringConfig extends ServiceConfig {
  override PORT = 3005;
}
