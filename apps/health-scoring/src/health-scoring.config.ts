/** The environment of the health-scoring service. */
import { InternalServiceConfig } from '@tenantry/config';

export class HealthScoringConfig extends InternalServiceConfig {
  override PORT = 3005;
}
