/** What the shared create and update DTOs accept and which fields they name when they refuse. */
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { CreateTenantDto } from './create-tenant.dto';
import { UpdateTenantDto } from './update-tenant.dto';

// The field paths the services' problem details report (one per broken rule), without importing the
// service chassis: a type:dto library may not depend on data-access code, not even in its specs.
function fieldsOf(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    return [...Object.keys(error.constraints ?? {}).map(() => field), ...fieldsOf(error.children ?? [], field)];
  });
}

/** The chassis ValidationPipe's options, applied to a plain body. */
function problems<T extends object>(cls: new () => T, body: unknown): { dto: T; fields: string[] } {
  const dto = plainToInstance(cls, body);
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  return { dto, fields: fieldsOf(errors) };
}

const SHORT = { name: 'Acme Inc.', domain: 'acme', plan: 'starter', adminEmail: 'ops@acme.example' };

describe(CreateTenantDto.name, () => {
  it('accepts the short form and reads its domain and plan as the full shapes', () => {
    const { dto, fields } = problems(CreateTenantDto, SHORT);

    expect(fields).toEqual([]);
    expect(dto.domain).toEqual({ value: 'acme' });
    expect(dto.plan).toEqual({ id: 'starter' });
  });

  it('accepts the full form', () => {
    const { fields } = problems(CreateTenantDto, {
      ...SHORT,
      domain: { type: 'custom', value: 'shop.acme.example', ssl: true },
      plan: { id: 'starter', trial: true, duration: 30 },
      configuration: { theme: 'dark', language: 'en-GB', timezone: 'Europe/Paris', currency: 'EUR' },
      resources: { storage: 1.5, bandwidth: 10, users: 3 },
    });

    expect(fields).toEqual([]);
  });

  it('names every bad field, nested ones with their path', () => {
    const { fields } = problems(CreateTenantDto, {
      name: 'x'.repeat(201),
      adminEmail: 'nope',
      domain: { type: 'ftp', value: 'acme', extra: true },
      plan: 7,
      configuration: { language: 'not a tag!', timezone: 'Mars/Base', currency: 'EURO', font: 'serif' },
      resources: { storage: -1, users: 2.5 },
      unknown: 1,
    });

    expect(fields.sort()).toEqual(
      [
        'adminEmail',
        'configuration.currency',
        'configuration.font',
        'configuration.language',
        'configuration.timezone',
        'domain.extra',
        'domain.type',
        'name',
        'plan',
        'resources.storage',
        'resources.users',
        'unknown',
      ].sort(),
    );
  });

  it('validates the name once normalised and trimmed, and keeps it that way', () => {
    expect(new Set(problems(CreateTenantDto, { ...SHORT, name: '   ' }).fields)).toEqual(new Set(['name']));
    expect(problems(CreateTenantDto, { ...SHORT, name: '\u202E\u200B' }).fields).toEqual(['name']);
    expect(problems(CreateTenantDto, { ...SHORT, name: '  Cafe\u0301 ' }).dto.name).toBe('Caf\u00e9');
  });

  it('accepts UTC as a time zone', () => {
    expect(problems(CreateTenantDto, { ...SHORT, configuration: { timezone: 'UTC' } }).fields).toEqual([]);
  });
});

describe(UpdateTenantDto.name, () => {
  it('refuses an array where a domain or plan goes (it would pass the nested check with nothing in it)', () => {
    expect(problems(UpdateTenantDto, { domain: [] }).fields).toEqual(['domain']);
    expect(problems(UpdateTenantDto, { plan: [] }).fields).toEqual(['plan']);
    expect(problems(CreateTenantDto, { ...SHORT, domain: [] }).fields).toEqual(['domain']);
  });

  it('treats null as a wrong type, not as absent', () => {
    expect([...new Set(problems(UpdateTenantDto, { name: null, plan: null }).fields)].sort()).toEqual(['name', 'plan']);
  });

  it('refuses a whitespace-only name instead of storing it empty', () => {
    expect(new Set(problems(UpdateTenantDto, { name: ' \t ' }).fields)).toEqual(new Set(['name']));
  });
});
