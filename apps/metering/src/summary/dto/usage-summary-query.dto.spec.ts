import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { UsageSummaryQueryDto } from './usage-summary-query.dto';

function refused(query: Record<string, string>): Record<string, string[]> {
  return Object.fromEntries(
    validateSync(plainToInstance(UsageSummaryQueryDto, query), { whitelist: true, forbidNonWhitelisted: true }).map((error) => [error.property, Object.keys(error.constraints ?? {})]),
  );
}

describe('metering UsageSummaryQueryDto', () => {
  it('takes any well-formed meter key (the use case refuses one that is no meter)', () => {
    expect(refused({ metric: 'api_calls' })).toEqual({});
    expect(refused({ metric: 'widgets_made' })).toEqual({});
    expect(refused({ metric: 'Widgets' })).toEqual({ metric: ['matches'] });
  });

  it('keeps the shared rules', () => {
    expect(refused({ metric: 'api_calls', top: '0', period: 'week' })).toEqual({ top: ['min'], period: ['isIn'] });
  });
});
