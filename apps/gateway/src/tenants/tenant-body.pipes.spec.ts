import { ProblemException } from '@tenantry/service';
import { CreateTenantBodyPipe, UpdateTenantBodyPipe } from './tenant-body.pipes';

async function problemOf(promise: Promise<unknown>): Promise<{ code: string; fields: string[] }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProblemException) return { code: error.code, fields: (error.extensions['errors'] as { field: string }[]).map((e) => e.field) };
    throw error;
  }
  throw new Error('expected a problem');
}

describe(CreateTenantBodyPipe.name, () => {
  const sut = new CreateTenantBodyPipe();

  it('accepts the short form and the full form, and returns the body as sent', async () => {
    const short = { name: 'Acme', domain: 'acme', plan: 'starter', adminEmail: 'ops@acme.example' };
    await expect(sut.transform(short)).resolves.toEqual(short);
    await expect(
      sut.transform({
        name: 'Acme',
        adminEmail: 'ops@acme.example',
        domain: { type: 'custom', value: 'app.acme.com', ssl: true },
        plan: { id: 'pro', trial: true, duration: 14 },
        configuration: { theme: 'dark', language: 'fr-FR', timezone: 'Europe/Paris', currency: 'EUR' },
        resources: { storage: 10, bandwidth: 100, users: 25 },
      }),
    ).resolves.toBeDefined();
  });

  it('names every bad field, nested ones included, and unknown fields', async () => {
    const problem = await problemOf(
      sut.transform({ name: '', adminEmail: 'x', domain: { type: 'other', value: 'acme', ssl: true }, plan: { id: 'starter', trial: 'yes' }, configuration: { currency: 'EURO', timezone: null }, color: 'red' }),
    );
    expect(problem.code).toBe('validation-failed');
    expect(new Set(problem.fields)).toEqual(new Set(['name', 'adminEmail', 'domain.type', 'plan.trial', 'configuration.currency', 'configuration.timezone', 'color']));
  });

  it('names the missing required fields and rejects a body that is not an object', async () => {
    expect(new Set((await problemOf(sut.transform({}))).fields)).toEqual(new Set(['name', 'adminEmail', 'domain', 'plan']));
    expect(await problemOf(sut.transform([1]))).toEqual({ code: 'validation-failed', fields: ['body'] });
  });
});

describe(UpdateTenantBodyPipe.name, () => {
  const sut = new UpdateTenantBodyPipe();

  it('accepts string or object domain and plan', async () => {
    await expect(sut.transform({ domain: 'acme2', plan: { id: 'pro', trial: false } })).resolves.toEqual({ domain: 'acme2', plan: { id: 'pro', trial: false } });
  });

  it('requires at least one field and rejects unknown ones', async () => {
    expect((await problemOf(sut.transform({}))).fields).toEqual(['body']);
    expect((await problemOf(sut.transform({ adminEmail: 'a@b.co' }))).fields).toEqual(expect.arrayContaining(['adminEmail']));
    expect((await problemOf(sut.transform({ domain: 'x'.repeat(254), resources: { users: -1 } }))).fields.sort()).toEqual(['domain.value', 'resources.users']);
  });
});
