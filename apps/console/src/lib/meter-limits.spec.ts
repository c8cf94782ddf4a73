import { limitsFormErrors, meterOptions, meterRowField, meterRowsOf, metersBody } from './meter-limits';

const meter = (key: string, builtIn = false) => ({ key, unit: 'documents', description: key, builtIn });

describe('meter limits in the limits form', () => {
  it('reads the tenant\'s meter limits as rows, by key', () => {
    expect(meterRowsOf({ pages: { limit: 5, mode: 'hard' }, documents: { limit: 10, mode: 'soft' } })).toEqual([
      { key: 'documents', limit: 10, mode: 'soft' },
      { key: 'pages', limit: 5, mode: 'hard' },
    ]);
    expect(meterRowsOf(undefined)).toEqual([]);
  });

  it('offers the meters not yet limited, leaving out those the fixed fields limit', () => {
    const options = meterOptions([meter('pages'), meter('api_calls', true), meter('database_bytes', true), meter('documents')], [{ key: 'documents', limit: 1, mode: 'soft' }]);
    expect(options.map((m) => m.key)).toEqual(['database_bytes', 'pages']);
  });

  it('sends the rows as `meters`, and `{}` when every row was removed', () => {
    expect(metersBody([{ key: ' documents ', limit: '1000', mode: 'hard' }, { key: 'pages', limit: 2.5, mode: 'soft' }])).toEqual({ meters: { documents: { limit: 1000, mode: 'hard' }, pages: { limit: 2.5, mode: 'soft' } } });
    expect(metersBody([])).toEqual({ meters: {} });
  });

  it('refuses a row without a meter, a meter twice and an empty limit, at the row', () => {
    expect(metersBody([{ key: '', limit: 1, mode: 'soft' }, { key: 'pages', limit: 1, mode: 'soft' }, { key: 'pages', limit: 2, mode: 'soft' }, { key: 'documents', limit: '', mode: 'soft' }])).toEqual({
      errors: { [meterRowField(0)]: 'Choose a meter', [meterRowField(2)]: 'pages is limited twice: keep one row', [meterRowField(3)]: 'Give a limit' },
    });
  });

  it("puts the API's `meters.<key>` errors on that key's row, the fixed fields' at theirs", () => {
    const rows = [{ key: 'pages', limit: 1, mode: 'soft' as const }, { key: 'ghost', limit: 1, mode: 'soft' as const }];
    const errors = limitsFormErrors(
      {
        status: 400,
        errors: [
          { field: 'meters.ghost', message: 'no meter ghost is defined (GET /meters lists them; POST /meters defines one)' },
          { field: 'meters.pages.limit', message: 'limit must have at most 9 decimals' },
          { field: 'storage.limit', message: 'limit must not be greater than 1000000' },
        ],
      },
      ['storage', 'users'],
      rows,
    );
    expect(errors).toEqual({ [meterRowField(1)]: 'No meter ghost is defined (GET /meters lists them; POST /meters defines one)', [meterRowField(0)]: 'Must have at most 9 decimals', storage: 'Must not be greater than 1000000' });
  });
});
