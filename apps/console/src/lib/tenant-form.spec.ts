import { EMPTY_FULL_FORM, fullFormErrors, fullTenantBody } from './tenant-form';

const filled = { ...EMPTY_FULL_FORM, name: 'Acme', adminEmail: ' ops@acme.example ', domain: ' shop.acme.example ', plan: 'growth' };

describe('the full create-tenant form', () => {
  it('sends only what was filled in: the domain and plan as objects, no configuration or resources when left empty', () => {
    expect(fullTenantBody(filled)).toEqual({ body: { name: 'Acme', adminEmail: 'ops@acme.example', domain: { value: 'shop.acme.example', ssl: true }, plan: { id: 'growth' } } });
  });

  it('sends a trial with its length, a custom domain without TLS, the configuration and the resources', () => {
    const built = fullTenantBody({ ...filled, domainKind: 'custom', ssl: false, trial: 'yes', trialDays: 21, timezone: ' Europe/Paris ', currency: 'eur', language: 'fr-FR', storage: '12.5', users: 40 });
    expect(built).toEqual({
      body: {
        name: 'Acme',
        adminEmail: 'ops@acme.example',
        domain: { value: 'shop.acme.example', type: 'custom', ssl: false },
        plan: { id: 'growth', trial: true, duration: 21 },
        configuration: { language: 'fr-FR', timezone: 'Europe/Paris', currency: 'EUR' },
        resources: { storage: 12.5, users: 40 },
      },
    });
  });

  it('sends no trial length when the trial is refused or left to the plan', () => {
    expect(fullTenantBody({ ...filled, trial: 'no', trialDays: 30 }).body?.['plan']).toEqual({ id: 'growth', trial: false });
    expect(fullTenantBody({ ...filled, trial: 'plan', trialDays: 30 }).body?.['plan']).toEqual({ id: 'growth' });
  });

  it('refuses a number input holding something else before sending, at its field', () => {
    expect(fullTenantBody({ ...filled, trial: 'yes', trialDays: '2w', bandwidth: 'lots' })).toEqual({ errors: { 'plan.duration': 'Must be a number', 'resources.bandwidth': 'Must be a number' } });
  });

  it("puts the API's nested field errors at their inputs, the registry's part names at the part's input, and the rest on the form", () => {
    const errors = fullFormErrors({
      status: 400,
      errors: [
        { field: 'configuration.timezone', message: 'timezone must be an IANA time zone' },
        { field: 'plan.duration', message: 'duration must not be greater than 365' },
        { field: 'domain', message: 'www is reserved' },
        { field: 'plan', message: 'no plan gold' },
        { field: 'configuration.features.sso', message: 'property features should not exist' },
      ],
    });
    expect(errors).toEqual({
      'configuration.timezone': 'Must be an IANA time zone',
      'plan.duration': 'Must not be greater than 365',
      'domain.value': 'Www is reserved',
      'plan.id': 'No plan gold',
      _form: 'configuration.features.sso: property features should not exist',
    });
  });
});
