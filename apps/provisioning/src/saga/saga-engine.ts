/**
 * Drives one saga from its log: runs the steps not yet done in order, retries a failing step
 * with exponential backoff, and after the last attempt compensates the started steps in reverse
 * order. Every state change is saved before the next side effect, so a crash resumes where it was.
 */
import { backoffMs } from '@tenantry/messaging';
import { Clock } from '@tenantry/service';
import { detailsOf, PermanentStepError, SagaDefinition, SagaFailure, SagaState, SagaStep, StepContext, StepState } from './saga.model';
import { SagaStore } from './saga.store';

export interface SagaEngineOptions {
  maxAttempts: number;
  retryBaseMs: number;
  /** Runs before every execution of a step: fault injection and test delays hook in here. */
  beforeStep?: (step: string) => Promise<void>;
}

const MAX_BACKOFF_MS = 60_000;

export type RunResult = 'succeeded' | 'compensated' | 'failed' | 'waiting' | 'retry-scheduled' | 'not-runnable';

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 2_000) || 'unknown error';
}

export class SagaEngine {
  private readonly definitions: ReadonlyMap<string, SagaDefinition>;

  constructor(
    private readonly store: SagaStore,
    definitions: readonly SagaDefinition[],
    private readonly clock: Clock,
    private readonly options: SagaEngineOptions,
  ) {
    this.definitions = new Map(definitions.map((definition) => [definition.kind, definition]));
  }

  backoffMs(attempts: number): number {
    return backoffMs(attempts, { baseMs: this.options.retryBaseMs, maxMs: MAX_BACKOFF_MS });
  }

  async run(sagaId: string): Promise<RunResult> {
    const saga = await this.store.load(sagaId);
    if (!saga || saga.status !== 'running') return 'not-runnable';
    const definition = this.definitions.get(saga.kind);
    if (!definition) throw new Error(`no saga definition for kind ${saga.kind}`);
    if (!saga.compensating) {
      const forward = await this.runForward(saga, definition);
      if (forward !== 'failed') return forward;
    }
    return this.compensate(saga, definition);
  }

  private async runForward(saga: SagaState, definition: SagaDefinition): Promise<RunResult> {
    // A step that succeeded without events is saved with the next step's start, in one write:
    // both are saved before that step's side effects, and a crash in between re-runs the
    // succeeded step, which a crash after its side effects could always do (steps are idempotent).
    let succeeded: StepState | undefined;
    for (const [index, step] of saga.steps.entries()) {
      if (step.status === 'succeeded') continue;
      const handler = this.handler(definition, step.name);
      const now = this.clock.now();
      step.status = 'running';
      step.attempts += 1;
      step.startedAt ??= now;
      step.finishedAt = null;
      await this.store.save(saga.id, succeeded ? [succeeded, step] : [step], {});
      succeeded = undefined;
      try {
        await this.options.beforeStep?.(step.name);
        const outcome = await handler.execute(this.context(saga, step));
        step.detail = { ...step.detail, ...(outcome.detail ?? {}) };
        step.error = null;
        if (outcome.status === 'waiting') {
          step.status = 'waiting';
          await this.store.save(saga.id, [step], { runAfter: null });
          return 'waiting';
        }
        step.status = 'succeeded';
        step.finishedAt = this.clock.now();
        const last = index === saga.steps.length - 1;
        const events = [...(outcome.events ?? []), ...(last ? definition.completed(saga, detailsOf(saga)) : [])];
        if (!last && events.length === 0) {
          succeeded = step;
          continue;
        }
        await this.store.save(saga.id, [step], last ? { status: 'succeeded' } : {}, events);
        if (last) {
          saga.status = 'succeeded';
          return 'succeeded';
        }
      } catch (error) {
        step.error = reasonOf(error);
        if (step.attempts < this.options.maxAttempts && !(error instanceof PermanentStepError)) {
          step.status = 'pending';
          await this.store.save(saga.id, [step], { runAfter: new Date(this.clock.now().getTime() + this.backoffMs(step.attempts)) });
          return 'retry-scheduled';
        }
        step.status = 'failed';
        step.finishedAt = this.clock.now();
        const failure: SagaFailure = { step: step.name, reason: step.error, attempts: step.attempts };
        saga.compensating = true;
        saga.failure = failure;
        await this.store.save(saga.id, [step], { compensating: true, failure });
        return 'failed';
      }
    }
    // Only when the steps after the last one run had already succeeded (a resumed log).
    if (succeeded) await this.store.save(saga.id, [succeeded], {});
    return 'succeeded';
  }

  private async compensate(saga: SagaState, definition: SagaDefinition): Promise<RunResult> {
    const failure = saga.failure ?? { step: 'unknown', reason: 'unknown failure', attempts: 0 };
    const canCompensate = definition.steps.some((step) => step.compensate);
    if (canCompensate) {
      for (const step of [...saga.steps].reverse()) {
        if (step.status === 'pending' || step.status === 'compensated') continue;
        const handler = this.handler(definition, step.name);
        step.compensationAttempts += 1;
        try {
          await handler.compensate?.(this.context(saga, step));
          step.status = 'compensated';
          step.finishedAt = this.clock.now();
          await this.store.save(saga.id, [step], {});
        } catch (error) {
          step.error = `compensation failed: ${reasonOf(error)}`;
          if (step.compensationAttempts < this.options.maxAttempts) {
            await this.store.save(saga.id, [step], { runAfter: new Date(this.clock.now().getTime() + this.backoffMs(step.compensationAttempts)) });
            return 'retry-scheduled';
          }
          // Compensation itself gave up: what is left needs an operator; say so in the saga.
          saga.status = 'failed';
          await this.store.save(saga.id, [step], { status: 'failed' }, definition.failed(saga, failure));
          return 'failed';
        }
      }
    }
    const status = canCompensate ? 'compensated' : 'failed';
    saga.status = status;
    await this.store.save(saga.id, [], { status }, definition.failed(saga, failure));
    return status;
  }

  private handler(definition: SagaDefinition, name: string): SagaStep {
    const handler = definition.steps.find((step) => step.name === name);
    if (!handler) throw new Error(`saga ${definition.kind} has no step ${name}`);
    return handler;
  }

  private context(saga: SagaState, step: StepState): StepContext {
    return { sagaId: saga.id, tenantId: saga.tenantId, input: saga.input, attempt: step.attempts, detail: step.detail, details: detailsOf(saga) };
  }
}
