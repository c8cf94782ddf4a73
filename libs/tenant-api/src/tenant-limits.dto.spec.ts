/** What the shared limits DTO accepts and which fields it names when it refuses. */
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { MAX_METER_LIMITS, normalizeLimitsBody, TenantLimitsDto } from './tenant-limits.dto';

/** One entry per problem, as the services' fieldProblems reports them (a nested object's own "must be an object" only when alone). */
function fieldsOf(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const constraints = Object.keys(error.constraints ?? {});
    const own = constraints.filter((name) => name !== 'nestedValidation' || constraints.length === 1);
    return [...own.map(() => field), ...fieldsOf(error.children ?? [], field)];
  });
}

function named(body: unknown): string[] {
  return fieldsOf(validateSync(plainToInstance(TenantLimitsDto, body), { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true }));
}

function fields(body: unknown): string[] {
  return [...new Set(named(body))].sort();
}

const VALID = { storage: { limit: 50, mode: 'hard' }, users: { limit: 25, mode: 'soft' }, bandwidth: { limit: 100 }, apiCalls: { limit: 100000, mode: 'hard' } };

describe(TenantLimitsDto.name, () => {
  it('names a missing limit once, not once per rule', () => {
    expect(named({ ...VALID, storage: {}, users: { limit: '5' } })).toEqual(['storage.limit', 'users.limit']);
  });

  it('says a missing limit is required, and what a present one of the wrong kind must be', () => {
    const messages = (body: unknown) => validateSync(plainToInstance(TenantLimitsDto, body), { whitelist: true, forbidNonWhitelisted: true }).map((error) => [error.property, Object.entries(error.constraints ?? {}).flatMap(([rule, message]) => (rule === 'nestedValidation' ? [] : [message]))]);
    expect(messages({ storage: { limit: 1 } })).toEqual([
      ['users', ['users is required: a number or an object {limit, mode}']],
      ['bandwidth', ['bandwidth is required: a number or an object {limit, mode}']],
    ]);
    expect(messages({ storage: '10', users: null, bandwidth: { limit: 1 } })).toEqual([
      ['storage', ['storage must be a number or an object {limit, mode}']],
      ['users', ['users must be a number or an object {limit, mode}']],
    ]);
  });

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

  describe('meters', () => {
    it('accepts limits on meters by key, as objects or plain numbers, in decimals of the unit', () => {
      const body = { ...VALID, meters: { documents_processed: { limit: 10000, mode: 'hard' }, gpu_minutes: 12.5, database_bytes: { limit: 0 } } };
      expect(named(body)).toEqual([]);
      expect(named({ ...VALID, meters: {} })).toEqual([]);
      const dto = plainToInstance(TenantLimitsDto, body);
      expect([...(dto.meters?.entries() ?? [])].map(([key, value]) => [key, value.limit, value.mode])).toEqual([
        ['documents_processed', 10000, 'hard'],
        ['gpu_minutes', 12.5, undefined],
        ['database_bytes', 0, undefined],
      ]);
    });

    it.each([
      ['a bad key', { 'Bad Key': 1 }, ['meters.Bad Key'], 'not a meter key'],
      ['a built-in meter a field limits', { storage_bytes: 5 }, ['meters.storage_bytes'], 'field `storage`'],
      ['api_calls', { api_calls: { limit: 5 } }, ['meters.api_calls'], 'field `apiCalls`'],
      ['a bad value', { tokens: '10' }, ['meters.tokens'], 'number or an object'],
      ['a null value', { tokens: null }, ['meters.tokens'], 'number or an object'],
      ['a negative limit', { tokens: { limit: -1 } }, ['meters.tokens.limit'], 'must not be less than 0'],
      ['a missing limit', { tokens: { mode: 'soft' } }, ['meters.tokens.limit'], 'must be a number'],
      ['too many decimals', { tokens: 0.0000000001 }, ['meters.tokens.limit'], 'at most 9 decimals'],
      ['a bad mode', { tokens: { limit: 1, mode: 'strict' } }, ['meters.tokens.mode'], 'mode must be one of'],
      ['an unknown field', { tokens: { limit: 1, unit: 'tokens' } }, ['meters.tokens.unit'], 'should not exist'],
      ['meters that are not an object', [1], ['meters'], 'must be an object'],
      ['null meters', null, ['meters'], 'must be an object'],
    ])('refuses %s under meters, naming it once', (_case, meters, expected, message) => {
      const errors = validateSync(plainToInstance(TenantLimitsDto, { ...VALID, meters }), { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
      expect(named({ ...VALID, meters })).toEqual(expected);
      expect(JSON.stringify(errors)).toContain(message);
    });

    it('names each bad meter once, beside the bad fixed fields', () => {
      expect(named({ ...VALID, users: { limit: -1 }, meters: { tokens: { limit: -1, mode: 'x' }, 'x-y': 1, ok: 5 } }).sort()).toEqual(['meters.tokens.limit', 'meters.tokens.mode', 'meters.x-y', 'users.limit']);
    });

    it(`refuses more than ${MAX_METER_LIMITS} meters`, () => {
      const meters = Object.fromEntries(Array.from({ length: MAX_METER_LIMITS + 1 }, (_, i) => [`meter_${i}`, 1]));
      expect(named({ ...VALID, meters })).toEqual(['meters']);
    });

    it('turns plain meter numbers into limits and names them, so they keep their mode', () => {
      const { body, plain } = normalizeLimitsBody({ storage: 10, users: { limit: 5 }, bandwidth: 100, meters: { tokens: 7, pages: { limit: 1, mode: 'hard' } } });
      expect(body).toEqual({ storage: { limit: 10 }, users: { limit: 5 }, bandwidth: { limit: 100 }, meters: { tokens: { limit: 7 }, pages: { limit: 1, mode: 'hard' } } });
      expect(plain).toEqual(['storage', 'bandwidth', 'meters.tokens']);
    });
  });
});
