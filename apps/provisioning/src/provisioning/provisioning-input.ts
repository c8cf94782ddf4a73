/** What a provisioning saga works from: the TenantCreated payload, as the registry resolved it. */
import { TenantCreatedPayload } from '@tenantry/contracts';
import { StepContext } from '../saga/saga.model';

export type ProvisioningInput = TenantCreatedPayload;

export function provisioningInput(context: Pick<StepContext, 'input'>): ProvisioningInput {
  return context.input as unknown as ProvisioningInput;
}
