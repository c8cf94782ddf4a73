import { PROVISIONING_STEPS } from '@tenantry/contracts';
import { ManualClock } from '@tenantry/service/testing';
import { SagaEngine } from './saga-engine';
import { PermanentStepError, SagaDefinition, SagaFailure, SagaState, SagaStep, StepContext, StepOutcome, StepState } from './saga.model';
import { InMemorySagaStore } from './testing/in-memory-saga.store';

const TENANT = '2b0d7b3e-1c1a-4e8e-9a57-5d0c6a4f7e21';

/** A step that records what happens to it, and fails or waits when told to. */
class ScriptedStep implements SagaStep {
  failWith?: Error;
  wait = false;

  constructor(
    readonly name: string,
    private readonly journal: string[],
  ) {}

  async execute(context: StepContext): Promise<StepOutcome> {
    this.journal.push(`execute ${this.name}#${context.attempt}`);
    if (this.failWith) throw this.failWith;
    if (this.wait) return { status: 'waiting', detail: { waitingFor: 'dns' } };
    return { status: 'succeeded', detail: { by: this.name } };
  }

  async compensate(): Promise<void> {
    this.journal.push(`compensate ${this.name}`);
  }
}

function sagaOf(names: string[]): SagaState {
  const now = new Date('2026-01-01T00:00:00Z');
  return {
    id: 'saga-1',
    tenantId: TENANT,
    kind: 'provision',
    status: 'running',
    input: {},
    compensating: false,
    failure: null,
    createdAt: now,
    updatedAt: now,
    steps: names.map((name, position) => ({ position, name, status: 'pending', attempts: 0, compensationAttempts: 0, error: null, detail: {}, startedAt: null, finishedAt: null })),
  };
}

function definitionOf(steps: SagaStep[]): SagaDefinition {
  return {
    kind: 'provision',
    steps,
    completed: (saga) => [{ type: 'TenantProvisioned', payload: { tenantId: saga.tenantId, schemaName: 's', storageRoot: '/r', hostname: 'h', at: '2026-01-01T00:00:00.000Z' } }],
    failed: (saga, failure: SagaFailure) => [{ type: 'TenantProvisioningFailed', payload: { tenantId: saga.tenantId, ...failure, at: '2026-01-01T00:00:00.000Z' } }],
  };
}

describe(SagaEngine.name, () => {
  const names: string[] = [...PROVISIONING_STEPS];
  let journal: string[];
  let steps: ScriptedStep[];
  let store: InMemorySagaStore;
  let clock: ManualClock;
  let sut: SagaEngine;

  beforeEach(() => {
    journal = [];
    steps = names.map((name) => new ScriptedStep(name, journal));
    store = new InMemorySagaStore(sagaOf(names));
    clock = new ManualClock(new Date('2026-01-01T00:00:00Z'));
    sut = new SagaEngine(store, [definitionOf(steps)], clock, { maxAttempts: 3, retryBaseMs: 1_000 });
  });

  it('runs every step in order and publishes the completion event with the last step', async () => {
    await expect(sut.run('saga-1')).resolves.toBe('succeeded');
    expect(journal).toEqual(names.map((name) => `execute ${name}#1`));
    expect(store.saga.status).toBe('succeeded');
    expect(store.saga.steps.map((step) => [step.status, step.attempts])).toEqual(names.map(() => ['succeeded', 1]));
    expect(store.published.map((event) => event.type)).toEqual(['TenantProvisioned']);
  });

  it("saves a step that succeeded without events together with the next step's start", async () => {
    await sut.run('saga-1');
    const [first, ...rest] = names;
    expect(store.saves).toEqual([
      [`${first}:running`],
      ...rest.map((name, index) => [`${names[index]}:succeeded`, `${name}:running`]),
      [`${names[names.length - 1]}:succeeded`],
    ]);
  });

  it('a step that fails finds the one before it saved as succeeded', async () => {
    (steps[2] as ScriptedStep).failWith = new Error('process killed');
    await sut.run('saga-1');
    // The step before the failing one was saved as succeeded with the failing one's start.
    expect(store.saga.steps[1]).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect(store.saga.steps[2]).toMatchObject({ status: 'pending', attempts: 1 });
  });

  it('schedules a retry with exponential backoff while attempts remain', async () => {
    (steps[2] as ScriptedStep).failWith = new Error('disk full');
    await expect(sut.run('saga-1')).resolves.toBe('retry-scheduled');
    expect(store.runAfter).toEqual(new Date('2026-01-01T00:00:01Z'));
    await expect(sut.run('saga-1')).resolves.toBe('retry-scheduled');
    expect(store.runAfter).toEqual(new Date('2026-01-01T00:00:02Z'));
    expect(store.saga.steps[2]).toMatchObject({ status: 'pending', attempts: 2, error: 'disk full' });
    expect(journal.filter((entry) => entry.startsWith('execute domain'))).toHaveLength(1);
  });

  it('after the last attempt compensates the started steps in reverse order and reports the failure', async () => {
    (steps[2] as ScriptedStep).failWith = new Error('disk full');
    await sut.run('saga-1');
    await sut.run('saga-1');
    await expect(sut.run('saga-1')).resolves.toBe('compensated');
    expect(journal.filter((entry) => entry.startsWith('compensate'))).toEqual(['compensate storage', 'compensate database', 'compensate domain']);
    expect(store.saga.status).toBe('compensated');
    expect(store.saga.steps.map((step) => step.status)).toEqual(['compensated', 'compensated', 'compensated', 'pending', 'pending']);
    expect(store.published).toEqual([
      { type: 'TenantProvisioningFailed', payload: expect.objectContaining({ tenantId: TENANT, step: 'storage', reason: 'disk full', attempts: 3 }) as unknown },
    ]);
  });

  it('fails a step at once on a permanent error', async () => {
    (steps[0] as ScriptedStep).failWith = new PermanentStepError('host name taken');
    await expect(sut.run('saga-1')).resolves.toBe('compensated');
    expect(store.saga.failure).toEqual({ step: 'domain', reason: 'host name taken', attempts: 1 });
  });

  it('parks a waiting step and carries on from it when run again', async () => {
    (steps[0] as ScriptedStep).wait = true;
    await expect(sut.run('saga-1')).resolves.toBe('waiting');
    expect(store.runAfter).toBeNull();
    expect(store.saga.steps[0]).toMatchObject({ status: 'waiting', detail: { waitingFor: 'dns' } });
    (steps[0] as ScriptedStep).wait = false;
    await expect(sut.run('saga-1')).resolves.toBe('succeeded');
    expect(journal.filter((entry) => entry.startsWith('execute database'))).toEqual(['execute database#1']);
  });

  it('resumes from the log without redoing steps that succeeded before a crash', async () => {
    store.saga.steps[0] = { ...(store.saga.steps[0] as StepState), status: 'succeeded', attempts: 1 };
    store.saga.steps[1] = { ...(store.saga.steps[1] as StepState), status: 'running', attempts: 1 };
    await expect(sut.run('saga-1')).resolves.toBe('succeeded');
    expect(journal).toEqual(['execute database#2', 'execute storage#1', 'execute configuration#1', 'execute admin-user#1']);
  });

  it('finishes an interrupted compensation without compensating a step twice', async () => {
    store.saga.compensating = true;
    store.saga.failure = { step: 'storage', reason: 'disk full', attempts: 3 };
    store.saga.steps = store.saga.steps.map((step, index) => ({ ...step, status: index === 2 ? 'compensated' : index < 2 ? 'succeeded' : 'pending' }));
    await expect(sut.run('saga-1')).resolves.toBe('compensated');
    expect(journal).toEqual(['compensate database', 'compensate domain']);
  });

  it('runs the beforeStep hook, so an injected fault fails the step', async () => {
    sut = new SagaEngine(store, [definitionOf(steps)], clock, {
      maxAttempts: 1,
      retryBaseMs: 1,
      beforeStep: async (step) => {
        if (step === 'configuration') throw new Error('injected');
      },
    });
    await expect(sut.run('saga-1')).resolves.toBe('compensated');
    expect(store.saga.failure).toEqual({ step: 'configuration', reason: 'injected', attempts: 1 });
    expect(journal.filter((entry) => entry.startsWith('compensate'))).toEqual(['compensate configuration', 'compensate storage', 'compensate database', 'compensate domain']);
  });

  it('does nothing with a saga that is no longer running', async () => {
    store.saga.status = 'succeeded';
    await expect(sut.run('saga-1')).resolves.toBe('not-runnable');
    expect(journal).toEqual([]);
  });
});
