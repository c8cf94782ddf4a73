/**
 * The create-tenant dialog's full form: every field `POST /tenants` takes (domain kind and TLS, plan
 * with a trial and its length, configuration, resources) from the form's state to the request body,
 * and the API's field errors (`plan.duration`, `configuration.timezone`, …) back onto its inputs.
 */
import { fieldErrors, Problem } from './problem';

export type DomainKind = 'auto' | 'subdomain' | 'custom';
export type TrialChoice = 'plan' | 'yes' | 'no';

/** Text and number inputs as Mantine gives them: a number input may hold '' (left empty) or a partial string. */
export interface FullTenantForm {
  name: string;
  adminEmail: string;
  domain: string;
  domainKind: DomainKind;
  ssl: boolean;
  plan: string;
  trial: TrialChoice;
  trialDays: number | string;
  theme: string;
  language: string;
  timezone: string;
  currency: string;
  storage: number | string;
  bandwidth: number | string;
  users: number | string;
}

export const EMPTY_FULL_FORM: FullTenantForm = {
  name: '',
  adminEmail: '',
  domain: '',
  domainKind: 'auto',
  ssl: true,
  plan: 'starter',
  trial: 'plan',
  trialDays: '',
  theme: '',
  language: '',
  timezone: '',
  currency: '',
  storage: '',
  bandwidth: '',
  users: '',
};

/** The form's inputs, named by the API field each one sends. */
export const FULL_FORM_FIELDS = [
  'name',
  'adminEmail',
  'domain.value',
  'domain.type',
  'domain.ssl',
  'plan.id',
  'plan.trial',
  'plan.duration',
  'configuration.theme',
  'configuration.language',
  'configuration.timezone',
  'configuration.currency',
  'resources.storage',
  'resources.bandwidth',
  'resources.users',
] as const;
export type FullFormField = (typeof FULL_FORM_FIELDS)[number];

/** The registry names a bad domain or an unknown plan by the part (`domain`, `plan`): the input that holds it. */
const ALIASES: Record<string, FullFormField> = { domain: 'domain.value', plan: 'plan.id' };

export type BuiltBody = { body: Record<string, unknown>; errors?: undefined } | { body?: undefined; errors: Partial<Record<FullFormField, string>> };

/** A number input's value as a number; '' → undefined; anything else that is not a finite number → NaN (refused before sending). */
function numberOf(value: number | string): number | undefined {
  if (typeof value === 'number') return value;
  const text = value.trim();
  if (text === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : Number.NaN;
}

/** Only the parts the operator filled in: an empty part falls back to what the plan and the platform default. */
function compact(parts: Record<string, unknown>): Record<string, unknown> | undefined {
  const kept = Object.entries(parts).filter(([, v]) => v !== undefined && v !== '');
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}

/**
 * The request body of the full form, or the inputs that cannot be sent as they are (a number input
 * holding something that is not a number). Everything else — ranges, time zones, currencies, the
 * domain's syntax — is the API's to judge, and its answer is shown at the field by `fullFormErrors`.
 */
export function fullTenantBody(form: FullTenantForm): BuiltBody {
  const errors: Partial<Record<FullFormField, string>> = {};
  const number = (field: FullFormField, value: number | string): number | undefined => {
    const n = numberOf(value);
    if (n !== undefined && Number.isNaN(n)) errors[field] = 'Must be a number';
    return n;
  };
  const trialDays = form.trial === 'yes' ? number('plan.duration', form.trialDays) : undefined;
  const resources = compact({ storage: number('resources.storage', form.storage), bandwidth: number('resources.bandwidth', form.bandwidth), users: number('resources.users', form.users) });
  if (Object.keys(errors).length > 0) return { errors };
  const body: Record<string, unknown> = {
    name: form.name,
    adminEmail: form.adminEmail.trim(),
    domain: { value: form.domain.trim(), ...(form.domainKind === 'auto' ? {} : { type: form.domainKind }), ssl: form.ssl },
    plan: { id: form.plan.trim(), ...(form.trial === 'plan' ? {} : { trial: form.trial === 'yes' }), ...(trialDays === undefined ? {} : { duration: trialDays }) },
  };
  const configuration = compact({ theme: form.theme.trim(), language: form.language.trim(), timezone: form.timezone.trim(), currency: form.currency.trim().toUpperCase() });
  if (configuration) body['configuration'] = configuration;
  if (resources) body['resources'] = resources;
  return { body };
}

/** The API's field errors at the full form's inputs (`_form` for those it has no input for). */
export function fullFormErrors(problem: Problem | undefined): Record<string, string> {
  return fieldErrors(problem, FULL_FORM_FIELDS, ALIASES);
}
