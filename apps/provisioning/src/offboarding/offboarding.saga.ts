/**
 * The offboarding saga: export, drop-database, remove-storage; then TenantOffboarded. Nothing is
 * compensated (a dropped schema cannot come back): a step that keeps failing leaves the saga
 * `failed` for an operator, with the archive already safe.
 */
import { Injectable } from '@nestjs/common';
import { OFFBOARDING_STEPS } from '@tenantry/contracts';
import { OutboundEvent } from '@tenantry/messaging';
import { Clock } from '@tenantry/service';
import { SagaDefinition, SagaState, StepDetail, StepsNamed } from '../saga/saga.model';
import { DropDatabaseStep } from './steps/drop-database.step';
import { ExportStep } from './steps/export.step';
import { RemoveStorageStep } from './steps/remove-storage.step';

@Injectable()
export class OffboardingSaga implements SagaDefinition {
  readonly kind = 'offboard';
  readonly steps: StepsNamed<typeof OFFBOARDING_STEPS>;

  constructor(
    exportStep: ExportStep,
    dropDatabase: DropDatabaseStep,
    removeStorage: RemoveStorageStep,
    private readonly clock: Clock,
  ) {
    this.steps = [exportStep, dropDatabase, removeStorage];
  }

  completed(saga: SagaState, details: Readonly<Record<string, StepDetail>>): OutboundEvent[] {
    const exported = details['export'] ?? {};
    return [
      {
        type: 'TenantOffboarded',
        payload: {
          tenantId: saga.tenantId,
          archiveUri: String(exported['archiveUri']),
          archiveSha256: String(exported['sha256']),
          retainedUntil: String(exported['retainedUntil']),
          at: this.clock.now().toISOString(),
        },
      },
    ];
  }

  failed(): OutboundEvent[] {
    return [];
  }
}
