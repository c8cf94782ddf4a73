import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { UsageSummaryQueryDto } from './usage-summary-query.dto';

function refused(query: Record<string, string>): Record<string, string[]> {
  return Object.fromEntries(
    validateSync(plainToInstance(UsageSummaryQueryDto, query), { whitelist: true, forbidNonWhitelisted: true }).map((error) => [error.property, Object.keys(error.constraints ?? {})]),
  );
}

describe('metering UsageSummaryQueryDto', () => {
  it('takes the built-in metrics only', () => {
    expect(refused({ metric: 'api_calls' })).toEqual({});
    expect(refused({ metric: 'widgets_made' })).toEqual({ metric: ['isIn'] });
  });

  it('keeps the shared rules', () => {
    expect(refused({ metric: 'api_calls', top: '0', period: 'week' })).toEqual({ top: ['min'], period: ['isIn'] });
  });
});
