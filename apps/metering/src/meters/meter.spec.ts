import { counts, groupKeys, matchesFilters, Meter, meterMember, recordedFields } from './meter';
import { builtInFieldsChanged, meterFields } from './meter-rules';
import { BUILT_IN_METERS, builtInMeter } from './testing/built-in-meters';

const tokens: Meter = { ...(builtInMeter('api_calls') as Meter), key: 'tokens', builtIn: false, valueProperty: 'tokens', filters: { region: ['eu', 'us'] }, groupBy: ['model', 'region'], recordedBy: ['api'], countedSources: ['api'] };

describe('meter', () => {
  it('passes an event whose filtered properties carry an allowed value, and no other', () => {
    expect(matchesFilters(tokens, { region: 'eu' })).toBe(true);
    expect(matchesFilters(tokens, { region: 'ap' })).toBe(false);
    expect(matchesFilters(tokens, {})).toBe(false);
    expect(matchesFilters(builtInMeter('api_calls') as Meter, undefined)).toBe(true);
  });

  it('groups by each group-by property the event carries', () => {
    expect(groupKeys(tokens, { model: 'a', region: 'eu', other: 'x' })).toEqual(['model=a', 'region=eu']);
    expect(groupKeys(tokens, { region: 1 })).toEqual(['region=1']);
  });

  it('counts only its counted sources, and unique meters count their value property', () => {
    const apiCalls = builtInMeter('api_calls') as Meter;
    expect(counts({ ...apiCalls, countedSources: ['gateway'] }, 'api')).toBe(false);
    expect(counts({ ...apiCalls, countedSources: ['gateway'] }, 'gateway')).toBe(true);
    expect(meterMember(builtInMeter('active_users') as Meter, { userId: 'ann' })).toBe('ann');
    expect(meterMember(apiCalls, { userId: 'ann' })).toBeUndefined();
  });

  it('records on the event whether it counts, how it aggregates and the member of any unique meter', () => {
    const seats: Meter = { ...(builtInMeter('active_users') as Meter), key: 'seats', builtIn: false, valueProperty: 'seatId', recordedBy: ['api'], countedSources: ['api'] };
    expect(recordedFields(seats, 'api', { seatId: 's-1', userId: 'ann' })).toEqual({ counted: true, aggregation: 'unique', member: 's-1' });
    expect(recordedFields(seats, 'gateway', { seatId: 7 })).toEqual({ counted: false, aggregation: 'unique', member: '7' });
    expect(recordedFields(builtInMeter('active_users') as Meter, 'collector', { userId: 'ann' })).toEqual({ counted: true, aggregation: 'unique', member: 'ann' });
    expect(recordedFields(tokens, 'api', { tokens: 5, region: 'eu' })).toEqual({ counted: true, aggregation: 'sum' });
  });
});

describe(meterFields.name, () => {
  const base = { description: 'd', unit: 'u' };
  it('defaults a custom meter to count what records it: clients', () => {
    expect(meterFields('k', { ...base, aggregation: 'sum' }, ['api'])).toEqual({
      fields: { key: 'k', ...base, aggregation: 'sum', valueProperty: null, filters: {}, groupBy: [], recordedBy: ['api'], countedSources: ['api'] },
    });
  });

  it('names the field of each cross-field problem', () => {
    const fields = (body: Parameters<typeof meterFields>[1], recordedBy: Parameters<typeof meterFields>[2] = ['api']) => {
      const checked = meterFields('k', body, recordedBy);
      return 'problems' in checked ? checked.problems.map((p) => p.field) : [];
    };
    expect(fields({ ...base, aggregation: 'unique' })).toEqual(['valueProperty']);
    expect(fields({ ...base, aggregation: 'count', valueProperty: 'n' })).toEqual(['valueProperty']);
    expect(fields({ ...base, aggregation: 'sum', countedSources: ['gateway'] })).toEqual(['countedSources']);
    expect(fields({ ...base, aggregation: 'sum', countedSources: ['gateway'] }, ['api', 'gateway'])).toEqual([]);
  });

  it('lets a built-in meter change its description and counted sources only', () => {
    const apiCalls = builtInMeter('api_calls') as Meter;
    const next = (body: Parameters<typeof meterFields>[1]) => {
      const checked = meterFields('api_calls', body, apiCalls.recordedBy);
      if ('problems' in checked) throw new Error('unexpected problems');
      return builtInFieldsChanged(apiCalls, checked.fields);
    };
    expect(next({ description: 'Calls', unit: 'calls', aggregation: 'sum', countedSources: ['gateway'] })).toEqual([]);
    expect(next({ description: 'Calls', unit: 'requests', aggregation: 'max', groupBy: ['route'] })).toEqual(['unit', 'aggregation', 'groupBy']);
  });

  it('has the six built-in meters the migration seeds', () => {
    expect(BUILT_IN_METERS.map((m) => m.key).sort()).toEqual(['active_users', 'api_calls', 'bandwidth_bytes', 'concurrent_connections', 'database_bytes', 'storage_bytes']);
  });
});
