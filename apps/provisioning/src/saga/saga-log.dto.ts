/** The step log as the internal API shows it (to tenant admins too, through the gateway): no host paths. */
import { publicDetail, withoutHostPaths } from './host-paths';
import { SagaKind, SagaState, SagaStatus, StepDetail, StepStatus } from './saga.model';

export interface SagaStepDto {
  name: string;
  status: StepStatus;
  attempts: number;
  error: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  detail: StepDetail;
}

export interface SagaLogDto {
  sagaId: string;
  tenantId: string;
  kind: SagaKind;
  status: SagaStatus;
  failure: { step: string; reason: string; attempts: number } | null;
  createdAt: string;
  updatedAt: string;
  steps: SagaStepDto[];
}

export function toSagaLogDto(saga: SagaState): SagaLogDto {
  return {
    sagaId: saga.id,
    tenantId: saga.tenantId,
    kind: saga.kind,
    status: saga.status,
    failure: saga.failure ? { ...saga.failure, reason: withoutHostPaths(saga.failure.reason) } : null,
    createdAt: saga.createdAt.toISOString(),
    updatedAt: saga.updatedAt.toISOString(),
    steps: saga.steps.map((step) => ({
      name: step.name,
      status: step.status,
      attempts: step.attempts,
      error: step.error === null ? null : withoutHostPaths(step.error),
      startedAt: step.startedAt?.toISOString() ?? null,
      finishedAt: step.finishedAt?.toISOString() ?? null,
      detail: publicDetail(step.detail, saga.id),
    })),
  };
}
