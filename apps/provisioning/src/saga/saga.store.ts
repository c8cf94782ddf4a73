/** Persistence the saga engine needs; each call is one transaction (steps' state, saga row and events together). */
import { OutboundEvent } from '@tenantry/messaging';
import { SagaPatch, SagaState, StepState } from './saga.model';

export abstract class SagaStore {
  abstract load(sagaId: string): Promise<SagaState | undefined>;
  abstract save(sagaId: string, steps: readonly StepState[], patch: SagaPatch, events?: readonly OutboundEvent[]): Promise<void>;
}
