/** Domain and slug rules: how a requested domain becomes a hostname and a slug, and which are acceptable. */
import { invalidField } from '@tenantry/service';
import { DomainType } from '@tenantry/contracts';
import { TenantDomainValue } from './tenant.row';

const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const MAX_HOSTNAME = 253;

export interface DomainRequest {
  /** Absent in the short form: inferred from the value. */
  type?: DomainType;
  value: string;
  ssl?: boolean;
}

function isFqdn(value: string): boolean {
  const labels = value.split('.');
  return value.length <= MAX_HOSTNAME && labels.length >= 2 && labels.every((label) => LABEL.test(label)) && !/^\d+$/.test(labels[labels.length - 1] ?? '');
}

/**
 * Subdomain label → `<label>.<platformDomain>`; a FQDN under the platform domain with one more
 * label is that subdomain; any other FQDN is a custom domain. Throws a 400 naming `field`.
 */
export function resolveDomain(request: DomainRequest, platformDomain: string, field = 'domain'): TenantDomainValue {
  const value = request.value.trim().toLowerCase().replace(/\.$/, '');
  const ssl = request.ssl ?? true;
  const suffix = `.${platformDomain}`;
  let type: DomainType = request.type ?? (value.includes('.') ? 'custom' : 'subdomain');
  let label = value;
  if (type === 'custom' && value.endsWith(suffix) && !value.slice(0, -suffix.length).includes('.')) {
    if (request.type === 'custom') throw invalidField(`${field}.value`, `a custom domain cannot be under ${platformDomain}; use a subdomain`);
    type = 'subdomain';
    label = value.slice(0, -suffix.length);
  }
  if (type === 'subdomain') {
    if (!SLUG_PATTERN.test(label)) throw invalidField(`${field}.value`, 'a subdomain must be 3–63 lowercase letters, digits or hyphens, not starting or ending with a hyphen');
    return { type, value: label, hostname: `${label}${suffix}`, ssl };
  }
  if (!isFqdn(value)) throw invalidField(`${field}.value`, 'must be a fully qualified domain name such as shop.example.com');
  if (value === platformDomain || value.endsWith(suffix)) throw invalidField(`${field}.value`, `a custom domain cannot be under ${platformDomain}`);
  return { type, value, hostname: value, ssl };
}

/** The slug of a new tenant: its subdomain label, or derived from its name for a custom domain. */
export function deriveSlug(domain: TenantDomainValue, name: string): string {
  if (domain.type === 'subdomain') return domain.value;
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  if (!SLUG_PATTERN.test(slug)) throw invalidField('name', 'must contain at least 3 letters or digits to derive a slug from');
  return slug;
}
