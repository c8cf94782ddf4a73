import { BULK_FIELD_ALIASES, BULK_FORM_FIELDS, buildBulkJobRequest, buildMaintenanceRequest, describeSelection, EMPTY_BULK_FORM, localDateTimeToIso } from './admin-forms';
import { fieldErrors } from './problem';

describe('administration forms', () => {
  it('builds a bulk job over a filter, leaving out empty filter fields', () => {
    const built = buildBulkJobRequest({ ...EMPTY_BULK_FORM, status: 'active', q: '  acme ', patch: '{"features": {"sso": true}}' }, true);
    expect(built).toEqual({ ok: true, body: { selection: { filter: { status: 'active', q: 'acme' } }, action: { type: 'patch-configuration', patch: { features: { sso: true } } }, dryRun: true } });
    expect(describeSelection({ ...EMPTY_BULK_FORM, status: 'active', plan: 'pro' })).toBe('every tenant with status active and plan pro');
    expect(describeSelection(EMPTY_BULK_FORM)).toBe('every tenant');
  });

  it('builds a bulk job over an explicit list, de-duplicated, whatever separates the ids', () => {
    const built = buildBulkJobRequest({ ...EMPTY_BULK_FORM, selectionMode: 'list', tenantIds: 'a, b\nb;c', action: 'change-plan', targetPlan: 'pro' }, false);
    expect(built).toEqual({ ok: true, body: { selection: { tenantIds: ['a', 'b', 'c'] }, action: { type: 'change-plan', plan: 'pro' }, dryRun: false } });
    expect(describeSelection({ ...EMPTY_BULK_FORM, selectionMode: 'list', tenantIds: 'a b a' })).toBe('2 listed tenants');
  });

  it('refuses broken JSON and missing fields at the field, before sending anything', () => {
    expect(buildBulkJobRequest({ ...EMPTY_BULK_FORM, patch: '{"theme": ' }, true)).toEqual({ ok: false, errors: { patch: 'Not valid JSON' } });
    expect(buildBulkJobRequest({ ...EMPTY_BULK_FORM, action: 'set-limits', limits: '[1]' }, true)).toEqual({ ok: false, errors: { limits: 'Must be a JSON object ({ … })' } });
    expect(buildBulkJobRequest({ ...EMPTY_BULK_FORM, selectionMode: 'list', tenantIds: ' ', action: 'notify-admins' }, true)).toEqual({
      ok: false,
      errors: { tenantIds: 'Name at least one tenant id', subject: 'Write a subject', message: 'Write a message' },
    });
    expect(buildBulkJobRequest({ ...EMPTY_BULK_FORM, action: 'schedule-maintenance', startsAt: '2030-01-02T10:00', endsAt: '2030-01-02T09:00' }, true)).toEqual({ ok: false, errors: { endsAt: 'Must be after the start' } });
  });

  it("puts the registry's field errors at the bulk form's fields", () => {
    const problem = { status: 400, errors: [{ field: 'selection.filter.status', message: 'must be one of active, trial' }, { field: 'action.limits.users.limit', message: 'limit must not be less than 0' }] };
    expect(fieldErrors(problem, BULK_FORM_FIELDS, BULK_FIELD_ALIASES)).toEqual({ status: 'Must be one of active, trial', limits: 'Must not be less than 0' });
  });

  it('builds a maintenance window: scheduled with a start and a duration, or an emergency', () => {
    const start = '2030-05-01T22:00';
    expect(buildMaintenanceRequest({ scope: 'tenant', planId: '', tenantId: ' t-1 ', emergency: false, startsAt: start, durationMinutes: 30, reason: 'database upgrade' })).toEqual({
      ok: true,
      body: { scope: 'tenant', tenantId: 't-1', startsAt: new Date(start).toISOString(), durationSeconds: 1800, reason: 'database upgrade' },
    });
    expect(buildMaintenanceRequest({ scope: 'global', planId: '', tenantId: '', emergency: true, startsAt: '', durationMinutes: 5, reason: 'incident' })).toEqual({ ok: true, body: { scope: 'global', emergency: true, durationSeconds: 300, reason: 'incident' } });
    expect(buildMaintenanceRequest({ scope: 'plan', planId: '', tenantId: '', emergency: false, startsAt: '', durationMinutes: 0, reason: '' })).toEqual({
      ok: false,
      errors: { reason: 'Say why (callers are told)', planId: 'Name the plan', startsAt: 'Say when it starts, or declare an emergency', durationSeconds: 'A whole number of minutes, at least 1' },
    });
    expect(localDateTimeToIso('')).toBeUndefined();
    expect(localDateTimeToIso('not a date')).toBeUndefined();
  });
});
