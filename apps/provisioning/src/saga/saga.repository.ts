/** The saga log: sagas and their steps; the engine's half of it is the SagaStore. */
import { TenantScope, Transaction } from '@tenantry/persistence';
import { SagaKind, SagaState } from './saga.model';
import { SagaStore } from './saga.store';

/** Runners LISTEN here; a NOTIFY in the recording transaction wakes them once it commits. */
export const SAGA_CHANNEL = 'tenantry_provisioning_sagas';

export abstract class SagaRepository extends SagaStore {
  /** Records a new saga with all its steps pending, in the caller's transaction (the consumer's, with its inbox row). */
  abstract create(tx: Transaction, scope: TenantScope, kind: SagaKind, input: Record<string, unknown>, steps: readonly string[]): Promise<string>;
  /** The most recent saga of a tenant, optionally of one kind; inside `tx` when given. */
  abstract latest(scope: TenantScope, kind?: SagaKind, tx?: Transaction): Promise<SagaState | undefined>;
  abstract all(scope: TenantScope): Promise<SagaState[]>;
  /** Makes a parked saga runnable now (a waiting step's condition may hold) and wakes the runners. */
  abstract wake(tx: Transaction, sagaId: string): Promise<void>;
}
