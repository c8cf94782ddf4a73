/** A SagaStore in memory for unit specs: one saga, the events it published and when it asked to run next. */
import { OutboundEvent } from '@tenantry/messaging';
import { SagaPatch, SagaState, StepState } from '../saga.model';
import { SagaStore } from '../saga.store';

export class InMemorySagaStore extends SagaStore {
  readonly published: OutboundEvent[] = [];
  runAfter: Date | null | undefined;

  constructor(public saga: SagaState) {
    super();
  }

  async load(): Promise<SagaState> {
    return structuredClone(this.saga);
  }

  /** Every save, as the step statuses it wrote (`database:running`), for specs that count writes. */
  readonly saves: string[][] = [];

  async save(_sagaId: string, steps: readonly StepState[], patch: SagaPatch, events: readonly OutboundEvent[] = []): Promise<void> {
    for (const step of steps) this.saga.steps[step.position] = structuredClone(step);
    this.saves.push(steps.map((step) => `${step.name}:${step.status}`));
    if (patch.status) this.saga.status = patch.status;
    if (patch.compensating !== undefined) this.saga.compensating = patch.compensating;
    if (patch.failure) this.saga.failure = patch.failure;
    if (patch.runAfter !== undefined) this.runAfter = patch.runAfter;
    this.published.push(...events);
  }
}
