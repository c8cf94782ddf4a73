/** What the shared usage queries accept and which fields they name when they refuse. */
import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { UsageAlertsQueryDto, UsageQueryDto, UsageSummaryQueryDto } from './usage-query.dto';

function refused<T extends object>(dto: ClassConstructor<T>, query: Record<string, string>): string[] {
  return validateSync(plainToInstance(dto, query), { whitelist: true, forbidNonWhitelisted: true })
    .map((error) => error.property)
    .sort();
}

describe(UsageQueryDto.name, () => {
  it('accepts no query at all, or every field well formed', () => {
    expect(refused(UsageQueryDto, {})).toEqual([]);
    expect(refused(UsageQueryDto, { from: '2026-11-01T00:00:00Z', to: '2026-11-28T00:00:00.000Z', granularity: 'hour', metric: 'api_calls' })).toEqual([]);
  });

  it('names each bad field', () => {
    expect(refused(UsageQueryDto, { from: 'yesterday', to: '2026-13-01T00:00:00Z', granularity: 'week', metric: 'API-calls' })).toEqual(['from', 'granularity', 'metric', 'to']);
    expect(refused(UsageQueryDto, { tenant: 'x' })).toEqual(['tenant']);
  });
});

describe(UsageSummaryQueryDto.name, () => {
  it('needs a metric and takes the rest as optional', () => {
    expect(refused(UsageSummaryQueryDto, {})).toEqual(['metric']);
    expect(refused(UsageSummaryQueryDto, { metric: 'storage_bytes', period: 'day', at: '2026-11-28T10:00:00Z', top: '100', limit: '1000', cursor: 'abc' })).toEqual([]);
  });

  it('names each bad field, numbers included', () => {
    expect(refused(UsageSummaryQueryDto, { metric: 'storage_bytes', period: 'year', at: 'now', top: '0', limit: '1001', cursor: '' })).toEqual(['at', 'cursor', 'limit', 'period', 'top']);
    expect(refused(UsageSummaryQueryDto, { metric: 'storage_bytes', top: '2.5' })).toEqual(['top']);
  });
});

describe(UsageAlertsQueryDto.name, () => {
  it('takes no query, or a limit of 1-200 and a date-time from', () => {
    expect(refused(UsageAlertsQueryDto, {})).toEqual([]);
    expect(refused(UsageAlertsQueryDto, { limit: '200', from: '2026-11-01T00:00:00Z' })).toEqual([]);
  });

  it('names each bad field', () => {
    expect(refused(UsageAlertsQueryDto, { limit: '201', from: 'last week' })).toEqual(['from', 'limit']);
    expect(refused(UsageAlertsQueryDto, { limit: '0' })).toEqual(['limit']);
    expect(refused(UsageAlertsQueryDto, { metric: 'api_calls' })).toEqual(['metric']);
  });
});
