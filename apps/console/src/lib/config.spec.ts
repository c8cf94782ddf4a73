import { configurationErrors, configurationEtag, diffRows, editableOverrides, flattenConfiguration, formatConfigValue, parseConfigurationText, pointerToPath } from './config';

describe('configuration pages', () => {
  it('flattens the effective configuration with the source of every value, the nearest named ancestor counting', () => {
    const entries = flattenConfiguration(
      { theme: 'dark', branding: { primaryColor: '#112233', fontFamily: 'Inter' }, features: { sso: false }, limits: { users: { limit: 5, mode: 'hard' } }, integrations: {} },
      { theme: 'tenant', 'branding.primaryColor': 'tenant', limits: 'limits' },
    );
    expect(entries).toEqual([
      { path: 'branding.fontFamily', value: 'Inter', source: 'plan-default' },
      { path: 'branding.primaryColor', value: '#112233', source: 'tenant' },
      { path: 'features.sso', value: 'false', source: 'plan-default' },
      { path: 'integrations', value: '{}', source: 'plan-default' },
      { path: 'limits.users.limit', value: '5', source: 'limits' },
      { path: 'limits.users.mode', value: 'hard', source: 'limits' },
      { path: 'theme', value: 'dark', source: 'tenant' },
    ]);
  });

  it('renders a diff as added, removed and changed rows, values in words', () => {
    expect(
      diffRows([
        { path: 'theme', before: 'light', after: 'dark' },
        { path: 'branding.primaryColor', before: null, after: '#112233' },
        { path: 'features', before: { sso: true }, after: null },
        { path: 'integrations.crm.secrets.token', before: '********', after: '********' },
      ]),
    ).toEqual([
      { path: 'branding.primaryColor', kind: 'added', before: '—', after: '#112233' },
      { path: 'features', kind: 'removed', before: '{"sso":true}', after: '—' },
      { path: 'integrations.crm.secrets.token', kind: 'changed', before: '********', after: '********' },
      { path: 'theme', kind: 'changed', before: 'light', after: 'dark' },
    ]);
    expect(formatConfigValue(false)).toBe('false');
    expect(formatConfigValue(undefined)).toBe('—');
  });

  it('says where the JSON is broken, and refuses what is not an object', () => {
    expect(parseConfigurationText('{"theme": "dark"}')).toEqual({ ok: true, value: { theme: 'dark' } });
    const broken = parseConfigurationText('{\n  "theme" "dark"\n}');
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.message).toMatch(/^Not valid JSON at line 2, column 11: /);
    const unexpected = parseConfigurationText('{"theme": }');
    expect(!unexpected.ok && unexpected.message).toMatch(/^Not valid JSON/);
    expect(!unexpected.ok && unexpected.message).not.toContain('"theme"');
    expect(parseConfigurationText('[1, 2]')).toEqual({ ok: false, message: 'The configuration must be a JSON object ({ … }).' });
    expect(parseConfigurationText('null').ok).toBe(false);
  });

  it("keys the API's validation errors by path, from field or else from the JSON pointer", () => {
    expect(
      configurationErrors({
        status: 400,
        errors: [
          { field: 'branding.primaryColor', pointer: '/branding/primaryColor', message: 'must match pattern "^#[0-9a-fA-F]{6}$"' },
          { field: 'branding.primaryColor', pointer: '/branding/primaryColor', message: 'must match pattern "^#[0-9a-fA-F]{6}$"' },
          { pointer: '/integrations/my~1crm/provider', message: 'is required' },
          { pointer: '', message: 'must NOT have additional properties' },
          { field: 'security.sessionLifetimeMinutes', message: 'must be <= 43200' },
        ],
      }),
    ).toEqual({
      'branding.primaryColor': ['must match pattern "^#[0-9a-fA-F]{6}$"'],
      'integrations.my/crm.provider': ['is required'],
      '(document)': ['must NOT have additional properties'],
      'security.sessionLifetimeMinutes': ['must be <= 43200'],
    });
    expect(configurationErrors(undefined)).toEqual({});
    expect(pointerToPath('/a~0b/c')).toBe('a~b.c');
  });

  it('edits the overrides without the read-only limits, and sends the version as a weak ETag', () => {
    expect(JSON.parse(editableOverrides({ theme: 'dark', limits: { users: 3 } }))).toEqual({ theme: 'dark' });
    expect(configurationEtag(7)).toBe('W/"7"');
  });
});
