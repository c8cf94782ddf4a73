import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { MeteringConfig, parseCountedSources } from './metering.config';

const refused = (COUNTED_SOURCES: string) =>
  validateSync(plainToInstance(MeteringConfig, { COUNTED_SOURCES }))
    .map((error) => error.property)
    .filter((property) => property === 'COUNTED_SOURCES');

describe('COUNTED_SOURCES', () => {
  it('takes <meter>=<source>[+<source>] entries separated by ;, sources by their API names', () => {
    expect(refused('')).toEqual([]);
    expect(refused('api_calls=gateway;bandwidth_bytes=reported+gateway')).toEqual([]);
    expect(parseCountedSources('api_calls=gateway;bandwidth_bytes=reported+gateway')).toEqual(
      new Map([
        ['api_calls', ['gateway']],
        ['bandwidth_bytes', ['api', 'gateway']],
      ]),
    );
  });

  it.each(['api_calls', 'api_calls=', 'api_calls=api', 'API=gateway', 'api_calls=gateway;', 'api_calls=gateway,reported'])('refuses %p', (value) => {
    expect(refused(value)).toEqual(['COUNTED_SOURCES']);
  });
});
