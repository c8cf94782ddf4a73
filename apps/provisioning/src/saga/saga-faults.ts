/** Test and game-day switches from the config: a step that always fails, and a delay before every step. */
import { Injectable } from '@nestjs/common';
import { ProvisioningConfig } from '../provisioning.config';

@Injectable()
export class SagaFaults {
  constructor(private readonly config: ProvisioningConfig) {}

  async beforeStep(step: string): Promise<void> {
    if (this.config.PROVISIONING_STEP_DELAY_MS > 0) await new Promise((resolve) => setTimeout(resolve, this.config.PROVISIONING_STEP_DELAY_MS));
    if (this.config.PROVISIONING_FAIL_STEP === step) throw new Error(`fault injected at step ${step} (PROVISIONING_FAIL_STEP)`);
  }
}
