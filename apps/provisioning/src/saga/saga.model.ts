/** The saga log's vocabulary: sagas, their steps, what a step returns, and how a kind of saga is defined. */
import { OutboundEvent } from '@tenantry/messaging';

export const SAGA_KINDS = ['provision', 'offboard'] as const;
export type SagaKind = (typeof SAGA_KINDS)[number];
export type SagaStatus = 'running' | 'succeeded' | 'failed' | 'compensated';
export type StepStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'compensated' | 'waiting';
export type StepDetail = Record<string, unknown>;

export interface SagaFailure {
  step: string;
  reason: string;
  attempts: number;
}

export interface StepState {
  position: number;
  name: string;
  status: StepStatus;
  attempts: number;
  compensationAttempts: number;
  error: string | null;
  detail: StepDetail;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface SagaState {
  id: string;
  tenantId: string;
  kind: SagaKind;
  status: SagaStatus;
  input: Record<string, unknown>;
  compensating: boolean;
  failure: SagaFailure | null;
  steps: StepState[];
  createdAt: Date;
  updatedAt: Date;
}

/** What a step sees: the saga's input, its own earlier detail and what earlier steps recorded. */
export interface StepContext {
  sagaId: string;
  tenantId: string;
  input: Record<string, unknown>;
  attempt: number;
  detail: StepDetail;
  details: Readonly<Record<string, StepDetail>>;
}

export type StepOutcome =
  | { status: 'succeeded'; detail?: StepDetail; events?: OutboundEvent[] }
  /** Parks the saga until something outside (a DNS record) wakes it. */
  | { status: 'waiting'; detail?: StepDetail };

/** One step: `execute` and `compensate` must be idempotent, since a crash can repeat either. */
export interface SagaStep {
  readonly name: string;
  execute(context: StepContext): Promise<StepOutcome>;
  compensate?(context: StepContext): Promise<void>;
}

/**
 * A saga's step handlers in the order of `Names`, the list its log is created with: a handler
 * missing, misnamed or out of order does not compile.
 */
export type StepsNamed<Names extends readonly string[]> = { readonly [K in keyof Names]: SagaStep & { readonly name: Names[K] } };

export interface SagaDefinition {
  readonly kind: SagaKind;
  readonly steps: readonly SagaStep[];
  /** Events published in the same transaction as the last step's success. */
  completed(saga: SagaState, details: Readonly<Record<string, StepDetail>>): OutboundEvent[];
  /** Events published once the saga has given up (after compensating, where it can). */
  failed(saga: SagaState, failure: SagaFailure): OutboundEvent[];
}

/** Changes to the saga row written together with a step's state. */
export interface SagaPatch {
  status?: SagaStatus;
  compensating?: boolean;
  failure?: SagaFailure;
  /** `null` parks the saga until woken; a date retries it then. */
  runAfter?: Date | null;
}

export function detailsOf(saga: SagaState): Record<string, StepDetail> {
  return Object.fromEntries(saga.steps.map((step) => [step.name, step.detail]));
}

/** A failure no retry can fix (a host name held by another tenant): the step fails at once. */
export class PermanentStepError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentStepError';
  }
}
