/** What the shared limits DTO accepts and which fields it names when it refuses. */
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { TenantLimitsDto } from './tenant-limits.dto';

function fieldsOf(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    return [...Object.keys(error.constraints ?? {}).map(() => field), ...fieldsOf(error.children ?? [], field)];
  });
}

function fields(body: unknown): string[] {
  return [...new Set(fieldsOf(validateSync(plainToInstance(TenantLimitsDto, body), { whitelist: true, forbidNonWhitelisted: true })))].sort();
}

const VALID = { storage: { limit: 50, mode: 'hard' }, users: { limit: 25, mode: 'soft' }, bandwidth: { limit: 100 }, apiCalls: { limit: 100000, mode: 'hard' } };

describe(TenantLimitsDto.name, () => {
  it('accepts the documented body, with or without apiCalls and modes', () => {
    expect(fields(VALID)).toEqual([]);
    expect(fields({ storage: { limit: 0.5 }, users: { limit: 0 }, bandwidth: { limit: 1.123456789 } })).toEqual([]);
  });

  it.each([
    ['missing required limits', {}, ['bandwidth', 'storage', 'users']],
    ['null limits', { ...VALID, storage: null, apiCalls: null }, ['apiCalls', 'storage']],
    ['negative and fractional counts', { ...VALID, users: { limit: 2.5 }, apiCalls: { limit: -1 } }, ['apiCalls.limit', 'users.limit']],
    ['a bad mode', { ...VALID, apiCalls: { limit: 10, mode: 'strict' } }, ['apiCalls.mode']],
    ['a string limit and too many decimals', { ...VALID, storage: { limit: '50' }, bandwidth: { limit: 0.0000000001 } }, ['bandwidth.limit', 'storage.limit']],
    ['unknown fields', { ...VALID, cpu: { limit: 1 }, storage: { limit: 1, unit: 'GB' } }, ['cpu', 'storage.unit']],
    ['limits over the maximum', { ...VALID, storage: { limit: 1_000_001 } }, ['storage.limit']],
  ])('refuses %s, naming the fields', (_case, body, expected) => {
    expect(fields(body)).toEqual(expected);
  });
});
