/** Feeds the API-call quota from metering's limit alerts and the registry's limit changes (group gateway.quota). */
import { TOPICS } from '@tenantry/contracts';
import { EventHandlers } from '@tenantry/messaging';
import { ConsumesEvents, EventConsumerSpec } from '@tenantry/service';
import { ApplyLimitsChangeCommand } from './usecases/apply-limits-change/apply-limits-change.command';
import { ApplyLimitsChangeUseCase } from './usecases/apply-limits-change/apply-limits-change.use-case';
import { RecordLimitExceededCommand } from './usecases/record-limit-exceeded/record-limit-exceeded.command';
import { RecordLimitExceededUseCase } from './usecases/record-limit-exceeded/record-limit-exceeded.use-case';
import { CONSUMER_GROUPS } from '../service';

@ConsumesEvents()
export class ApiCallQuotaConsumer implements EventConsumerSpec {
  readonly groupId = CONSUMER_GROUPS.quota;
  readonly topics = [TOPICS.METERING_ALERTS.name, TOPICS.TENANT_LIFECYCLE.name];
  readonly handlers: EventHandlers;

  constructor(recordLimitExceeded: RecordLimitExceededUseCase, applyLimitsChange: ApplyLimitsChangeUseCase) {
    this.handlers = {
      UsageLimitExceeded: (event, tx) => {
        const { tenantId, metric, mode, limit, periodStart } = event.payload;
        return recordLimitExceeded.execute(new RecordLimitExceededCommand({ tenantId, metric, mode, limit, periodStart: new Date(periodStart) }), tx);
      },
      TenantLimitsChanged: (event, tx) => applyLimitsChange.execute(new ApplyLimitsChangeCommand(event.payload.tenantId, event.payload.version, event.payload.limits), tx),
    };
  }
}
