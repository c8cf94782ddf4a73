/** The saga log on PostgreSQL: sagas and steps, saved with their events through the outbox in one transaction. */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { OutboundEvent, OutboxWriter } from '@tenantry/messaging';
import { entityManagerOf, TenantScope, Transaction } from '@tenantry/persistence';
import { SagaFailure, SagaKind, SagaPatch, SagaState, SagaStatus, StepState, StepStatus } from './saga.model';
import { SAGA_CHANNEL, SagaRepository } from './saga.repository';

interface SagaRow {
  id: string;
  tenant_id: string;
  kind: SagaKind;
  status: SagaStatus;
  input: Record<string, unknown>;
  compensating: boolean;
  failure: SagaFailure | null;
  created_at: Date;
  updated_at: Date;
}

interface StepRow {
  saga_id: string;
  position: number;
  name: string;
  status: StepStatus;
  attempts: number;
  compensation_attempts: number;
  error: string | null;
  detail: Record<string, unknown>;
  started_at: Date | null;
  finished_at: Date | null;
}

/** A step row as json_agg gives it: times as ISO strings. */
type JsonStepRow = Omit<StepRow, 'started_at' | 'finished_at'> & { started_at: string | null; finished_at: string | null };

function fromJson(row: JsonStepRow): StepRow {
  return { ...row, started_at: row.started_at === null ? null : new Date(row.started_at), finished_at: row.finished_at === null ? null : new Date(row.finished_at) };
}

function toStep(row: StepRow): StepState {
  return {
    position: row.position,
    name: row.name,
    status: row.status,
    attempts: row.attempts,
    compensationAttempts: row.compensation_attempts,
    error: row.error,
    detail: row.detail,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

function toSaga(row: SagaRow, steps: StepRow[]): SagaState {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    kind: row.kind,
    status: row.status,
    input: row.input,
    compensating: row.compensating,
    failure: row.failure,
    steps: steps.map(toStep),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

@Injectable()
export class PostgresSagaRepository extends SagaRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {
    super();
  }

  async create(tx: Transaction, scope: TenantScope, kind: SagaKind, input: Record<string, unknown>, steps: readonly string[]): Promise<string> {
    const manager = entityManagerOf(tx);
    const id = randomUUID();
    // The saga, its steps and the runners' wake-up in one statement (the NOTIFY is delivered on commit).
    await manager.query(
      `WITH saga_row AS (
         INSERT INTO saga (id, tenant_id, kind, status, input, run_after) VALUES ($1, $2, $3, 'running', $4, now())
       ), step_rows AS (
         INSERT INTO saga_step (saga_id, position, name, status) SELECT $1, position - 1, name, 'pending' FROM unnest($5::text[]) WITH ORDINALITY AS s(name, position)
       )
       SELECT pg_notify($6, $1::text)`,
      [id, scope.tenantId, kind, JSON.stringify(input), steps, SAGA_CHANNEL],
    );
    return id;
  }

  /** The saga and its steps in one round trip (the steps as JSON, their times parsed back). */
  async load(sagaId: string, manager: EntityManager = this.dataSource.manager): Promise<SagaState | undefined> {
    const [row] = (await manager.query(
      `SELECT saga.*, coalesce((SELECT json_agg(saga_step ORDER BY position) FROM saga_step WHERE saga_id = saga.id), '[]') AS steps
       FROM saga WHERE id = $1`,
      [sagaId],
    )) as (SagaRow & { steps: JsonStepRow[] })[];
    if (!row) return undefined;
    return toSaga(row, row.steps.map(fromJson));
  }

  /**
   * Without events, one statement (the steps and the saga row in one CTE): Postgres runs it as one
   * implicit transaction, in one round trip instead of four. With events, a transaction, so the
   * outbox rows commit with the change they report.
   */
  async save(sagaId: string, steps: readonly StepState[], patch: SagaPatch, events: readonly OutboundEvent[] = []): Promise<void> {
    const finished = patch.status !== undefined && patch.status !== 'running';
    const params = [
      sagaId,
      patch.status ?? null,
      patch.compensating ?? null,
      patch.failure ? JSON.stringify(patch.failure) : null,
      patch.runAfter !== undefined,
      patch.runAfter ?? null,
      finished,
      steps.map((step) => step.position),
      steps.map((step) => step.status),
      steps.map((step) => step.attempts),
      steps.map((step) => step.compensationAttempts),
      steps.map((step) => step.error),
      steps.map((step) => JSON.stringify(step.detail)),
      steps.map((step) => step.startedAt),
      steps.map((step) => step.finishedAt),
    ];
    const statement = `WITH step AS (
         UPDATE saga_step SET status = s.status, attempts = s.attempts, compensation_attempts = s.compensation_attempts, error = s.error, detail = s.detail, started_at = s.started_at, finished_at = s.finished_at
         FROM unnest($8::int[], $9::text[], $10::int[], $11::int[], $12::text[], $13::jsonb[], $14::timestamptz[], $15::timestamptz[])
           AS s(position, status, attempts, compensation_attempts, error, detail, started_at, finished_at)
         WHERE saga_step.saga_id = $1 AND saga_step.position = s.position)
       UPDATE saga SET updated_at = now(),
         status = COALESCE($2, status),
         compensating = COALESCE($3, compensating),
         failure = COALESCE($4::jsonb, failure),
         run_after = CASE WHEN $5::boolean THEN $6::timestamptz ELSE run_after END,
         finished_at = CASE WHEN $7::boolean THEN now() ELSE finished_at END
       WHERE id = $1`;
    if (events.length === 0) {
      await this.dataSource.query(statement, params);
      return;
    }
    await this.dataSource.transaction(async (tx) => {
      await tx.query(statement, params);
      await this.outbox.publishMany(tx, events);
    });
  }

  async latest(scope: TenantScope, kind?: SagaKind, tx?: Transaction): Promise<SagaState | undefined> {
    const manager = tx ? entityManagerOf(tx) : this.dataSource.manager;
    const [row] = (await manager.query(`SELECT id FROM saga WHERE tenant_id = $1 AND ($2::text IS NULL OR kind = $2) ORDER BY created_at DESC, id DESC LIMIT 1`, [
      scope.tenantId,
      kind ?? null,
    ])) as { id: string }[];
    return row ? this.load(row.id, manager) : undefined;
  }

  async all(scope: TenantScope): Promise<SagaState[]> {
    const rows = (await this.dataSource.query(`SELECT id FROM saga WHERE tenant_id = $1 ORDER BY created_at, id`, [scope.tenantId])) as { id: string }[];
    const sagas = await Promise.all(rows.map((row) => this.load(row.id)));
    return sagas.filter((saga): saga is SagaState => saga !== undefined);
  }

  async wake(tx: Transaction, sagaId: string): Promise<void> {
    const manager = entityManagerOf(tx);
    await manager.query(
      `WITH woken AS (UPDATE saga SET run_after = now(), updated_at = now() WHERE id = $1 AND status = 'running')
       SELECT pg_notify($2, $1::text)`,
      [sagaId, SAGA_CHANNEL],
    );
  }
}
