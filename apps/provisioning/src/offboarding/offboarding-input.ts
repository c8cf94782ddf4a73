/** What an offboarding saga works from: the TenantOffboardingStarted payload. */
import { TenantOffboardingStartedPayload } from '@tenantry/contracts';
import { StepContext } from '../saga/saga.model';

export type OffboardingInput = TenantOffboardingStartedPayload;

export function offboardingInput(context: Pick<StepContext, 'input'>): OffboardingInput {
  return context.input as unknown as OffboardingInput;
}
