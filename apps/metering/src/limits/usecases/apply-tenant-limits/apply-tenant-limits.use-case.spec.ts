import { NonRetryableError } from '@tenantry/messaging';
import { tenantScope } from '@tenantry/persistence';
import { FakeTransactions } from '@tenantry/persistence/testing';
import { ManualClock } from '@tenantry/service/testing';
import { LimitWindow } from '../../../alerts/alert.row';
import { EvaluateLimitAlertsCommand } from '../../../alerts/usecases/evaluate-limit-alerts/evaluate-limit-alerts.command';
import { EvaluateLimitAlertsUseCase } from '../../../alerts/usecases/evaluate-limit-alerts/evaluate-limit-alerts.use-case';
import { TenantLimit } from '../../tenant-limit.row';
import { InMemoryLimitsRepository } from '../../testing/in-memory-limits.repository';
import { ApplyTenantLimitsCommand } from './apply-tenant-limits.command';
import { ApplyTenantLimitsUseCase } from './apply-tenant-limits.use-case';

const TENANT = '6f1c2a9e-4b7d-4c1e-9a53-2f0d8e7b1c44';
const TX = FakeTransactions.TX;
const AT = new Date('2026-03-14T09:30:00.000Z');

class RecordingEvaluation {
  readonly windows: LimitWindow[][] = [];

  execute(command: EvaluateLimitAlertsCommand): Promise<[]> {
    this.windows.push([...command.windows]);
    return Promise.resolve([]);
  }
}

describe(ApplyTenantLimitsUseCase.name, () => {
  let limits: InMemoryLimitsRepository;
  let evaluation: RecordingEvaluation;
  let sut: ApplyTenantLimitsUseCase;

  beforeEach(() => {
    limits = new InMemoryLimitsRepository();
    evaluation = new RecordingEvaluation();
    sut = new ApplyTenantLimitsUseCase(limits, evaluation as unknown as EvaluateLimitAlertsUseCase, new ManualClock(AT));
  });

  const change = (version: number, set: TenantLimit[]) => new ApplyTenantLimitsCommand(TENANT.toUpperCase(), set, version, AT);

  it('keeps the set of the highest version and evaluates the current month against it', async () => {
    expect(await sut.execute(change(2, [{ metric: 'api_calls', limit: '1000', mode: 'hard' }]), TX)).toEqual({ applied: true });
    expect(await sut.execute(change(1, [{ metric: 'api_calls', limit: '5', mode: 'soft' }]), TX)).toEqual({ applied: false });
    expect(await sut.execute(change(2, [{ metric: 'api_calls', limit: '5', mode: 'soft' }]), TX)).toEqual({ applied: false });

    expect(await limits.forTenant(tenantScope(TENANT))).toEqual([{ metric: 'api_calls', limit: '1000', mode: 'hard' }]);
    expect(evaluation.windows).toEqual([[{ tenantId: TENANT, metric: 'api_calls', periodStart: new Date('2026-03-01T00:00:00.000Z') }]]);
  });

  it('empties the set when a newer version has no limits', async () => {
    await sut.execute(change(1, [{ metric: 'storage_bytes', limit: '50000000000', mode: 'soft' }]), TX);
    await sut.execute(change(2, []), TX);

    expect(await limits.forTenant(tenantScope(TENANT))).toEqual([]);
  });

  it('refuses a limit that is not an exact non-negative decimal, without retrying', async () => {
    await expect(sut.execute(change(1, [{ metric: 'api_calls', limit: '-1', mode: 'hard' }]), TX)).rejects.toBeInstanceOf(NonRetryableError);
    expect(await limits.forTenant(tenantScope(TENANT))).toEqual([]);
  });
});
