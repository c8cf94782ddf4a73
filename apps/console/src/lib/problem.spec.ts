import { ApiError, describeProblem, fieldErrors } from './problem';

describe('problem details', () => {
  it('says the detail, else the title, else what the status means', () => {
    expect(describeProblem({ detail: 'Tenant acme is suspended.' }, 403)).toBe('Tenant acme is suspended.');
    expect(describeProblem({ title: 'Conflict' }, 409)).toBe('Conflict');
    expect(describeProblem({}, 429)).toBe('Too many requests: wait a moment and try again.');
    expect(describeProblem(undefined, 418)).toBe('The request failed (HTTP 418).');
    expect(new ApiError(401, {}).message).toBe('The API key is unknown or revoked: sign in again.');
  });

  it('lists field errors in words when there is no detail', () => {
    expect(describeProblem({ title: 'Validation failed', errors: [{ field: 'name', message: 'name must not be empty' }] }, 400)).toBe('Validation failed name: name must not be empty');
  });

  it('maps the API field errors onto the form fields, nested ones onto their parent', () => {
    const problem = {
      status: 400,
      errors: [
        { field: 'adminEmail', message: 'adminEmail must be an email' },
        { field: 'domain.value', message: 'value is not a hostname' },
        { field: 'domain.value', message: 'second message is dropped' },
        { field: 'plan.id', message: 'id is unknown' },
        { field: 'resources.storage', message: 'storage must not be greater than 1000000' },
      ],
    };
    expect(fieldErrors(problem, ['name', 'adminEmail', 'domain', 'plan'])).toEqual({
      adminEmail: 'Must be an email',
      domain: 'Is not a hostname',
      plan: 'Is unknown',
      _form: 'resources.storage: storage must not be greater than 1000000',
    });
    expect(fieldErrors(problem, ['storage'], { 'resources.storage': 'storage' })['storage']).toBe('Must not be greater than 1000000');
    expect(fieldErrors(undefined, ['name'])).toEqual({});
  });

  it('puts a conflict that names one field (409 with `field`) at that field, in its detail\'s words', () => {
    const problem = { status: 409, title: 'The amount is more than the invoice has left to credit', detail: 'amount €999,999.00 is more than the €118.80 EUR invoice x has left to credit', field: 'amount' };
    expect(fieldErrors(problem, ['reason', 'amount'])).toEqual({ amount: '€999,999.00 is more than the €118.80 EUR invoice x has left to credit' });
    expect(fieldErrors({ ...problem, field: 'taxRate' }, ['amount'])).toEqual({ _form: `taxRate: ${problem.detail}` });
    expect(fieldErrors({ status: 409, detail: 'no field here' }, ['amount'])).toEqual({});
  });
});
