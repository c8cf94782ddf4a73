/**
 * The published JSON Schema of a tenant's configuration document (what a tenant overrides; the plan
 * defaults fill the rest), served at GET /api/v1/platform/configuration/schema, and the validator
 * both the gateway and the registry run (ajv, every error named by its path).
 *
 * Five categories (branding, features, limits, integrations, security) beside the four fields a tenant
 * had from its creation (theme, language, timezone, currency), kept at the top level so existing
 * readers (TenantView.configuration, notifications' `language`) keep working. `limits` is read-only
 * here: the limits API (PUT /tenants/{id}/limits) stays their one source of truth.
 */
import { BlockList, isIP } from 'node:net';
import Ajv, { ErrorObject } from 'ajv';
import { isCurrency, isLanguageTag, isTimeZone } from '../field-rules';

export const FEATURE_FLAGS = ['apiAccess', 'customDomain', 'sso', 'webhooks', 'auditLogExport', 'advancedAnalytics', 'betaFeatures'] as const;
export type FeatureFlag = (typeof FEATURE_FLAGS)[number];

/** The value a client sends for a secret it does not change (a GET → edit → PUT round trip), and what every read shows for a set secret. */
export const SECRET_MASK = '********';

const color = { type: 'string', pattern: '^#[0-9a-fA-F]{6}$', description: 'a colour as #rrggbb' };
const font = { type: 'string', minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9 ,\'"-]+$' };
const secret = { type: 'string', minLength: 1, maxLength: 4096, writeOnly: true, description: `write-only: stored encrypted, read back as "${SECRET_MASK}"; send "${SECRET_MASK}" to keep the stored value` };

export const CONFIGURATION_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://tenantry.local/schemas/tenant-configuration.json',
  title: 'Tenant configuration',
  description: 'What a tenant overrides; every field is optional and falls back to its plan default. A JSON merge patch (RFC 7396) applies over it; null removes an override.',
  type: 'object',
  additionalProperties: false,
  properties: {
    theme: { type: 'string', minLength: 1, maxLength: 64 },
    language: { type: 'string', format: 'language-tag', description: 'BCP 47 language tag' },
    timezone: { type: 'string', format: 'time-zone', description: 'IANA time zone' },
    currency: { type: 'string', format: 'currency', description: 'ISO 4217 currency code' },
    branding: {
      type: 'object',
      additionalProperties: false,
      properties: {
        logoUrl: { type: 'string', format: 'https-url', maxLength: 2048 },
        primaryColor: color,
        secondaryColor: color,
        accentColor: color,
        fontFamily: font,
        headingFontFamily: font,
      },
    },
    features: {
      type: 'object',
      additionalProperties: false,
      description: 'Feature flags; each defaults per plan',
      properties: Object.fromEntries(FEATURE_FLAGS.map((flag) => [flag, { type: 'boolean' }])),
    },
    limits: {
      readOnly: true,
      description: 'Read-only here: shown in the effective configuration from the limits API (PUT /tenants/{id}/limits), their one source of truth',
    },
    integrations: {
      type: 'object',
      maxProperties: 20,
      propertyNames: { pattern: '^[a-z][a-z0-9-]{0,39}$' },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['provider'],
        properties: {
          provider: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,39}$' },
          enabled: { type: 'boolean' },
          settings: { type: 'object', maxProperties: 50, additionalProperties: { type: ['string', 'number', 'boolean'], maxLength: 2048 } },
          secrets: { type: 'object', maxProperties: 20, propertyNames: { pattern: '^[A-Za-z][A-Za-z0-9_-]{0,63}$' }, additionalProperties: secret },
        },
      },
    },
    security: {
      type: 'object',
      additionalProperties: false,
      properties: {
        passwordPolicy: {
          type: 'object',
          additionalProperties: false,
          properties: {
            minLength: { type: 'integer', minimum: 8, maximum: 128 },
            requireUppercase: { type: 'boolean' },
            requireLowercase: { type: 'boolean' },
            requireDigit: { type: 'boolean' },
            requireSymbol: { type: 'boolean' },
            maxAgeDays: { type: 'integer', minimum: 0, maximum: 3650, description: '0: passwords never expire' },
            historyCount: { type: 'integer', minimum: 0, maximum: 24 },
          },
        },
        mfaRequired: { type: 'boolean' },
        allowedIpRanges: { type: 'array', maxItems: 100, uniqueItems: true, items: { type: 'string', format: 'cidr' }, description: 'CIDR ranges (IPv4 or IPv6); empty: any address' },
        sessionLifetimeMinutes: { type: 'integer', minimum: 5, maximum: 43200 },
        sso: {
          type: 'object',
          additionalProperties: false,
          properties: {
            enabled: { type: 'boolean' },
            protocol: { enum: ['oidc', 'saml'] },
            issuer: { type: 'string', format: 'https-url', maxLength: 2048 },
            clientId: { type: 'string', minLength: 1, maxLength: 200 },
            clientSecret: secret,
            enforced: { type: 'boolean', description: 'users must sign in through SSO' },
          },
        },
      },
    },
  },
} as const;

/** `a.b/c` CIDR: an IPv4 or IPv6 address with a prefix length in range, and no host bits beyond it. */
export function isCidr(value: string): boolean {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(value);
  if (!match) return false;
  const [, address = '', prefixText = ''] = match;
  const family = isIP(address);
  const prefix = Number(prefixText);
  if (family === 0 || prefix > (family === 4 ? 32 : 128)) return false;
  try {
    const list = new BlockList();
    list.addSubnet(address, prefix, family === 4 ? 'ipv4' : 'ipv6');
    return true;
  } catch {
    return false;
  }
}

function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname.length > 0;
  } catch {
    return false;
  }
}

const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addFormat('cidr', isCidr);
ajv.addFormat('https-url', isHttpsUrl);
ajv.addFormat('language-tag', (value: string) => isLanguageTag(value));
ajv.addFormat('time-zone', (value: string) => isTimeZone(value));
ajv.addFormat('currency', (value: string) => isCurrency(value));
const validateSchema = ajv.compile(CONFIGURATION_SCHEMA);

export interface ConfigurationProblem {
  /** The path in dotted form, arrays indexed: `security.allowedIpRanges[0]`. */
  field: string;
  /** The same as an RFC 6901 JSON Pointer: `/security/allowedIpRanges/0`. */
  pointer: string;
  message: string;
}

const FORMAT_MESSAGES: Record<string, string> = {
  cidr: 'must be a CIDR range such as 10.0.0.0/8 or 2001:db8::/32',
  'https-url': 'must be an https URL',
  'language-tag': 'must be a BCP 47 language tag such as en-GB',
  'time-zone': 'must be an IANA time zone such as Europe/Paris',
  currency: 'must be an ISO 4217 currency code such as EUR',
};

function segmentsOf(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function dottedPath(segments: readonly string[]): string {
  return segments.reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : path === '' ? segment : `${path}.${segment}`), '');
}

export function jsonPointer(segments: readonly string[]): string {
  return segments.map((segment) => `/${segment.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function toProblem(error: ErrorObject): ConfigurationProblem {
  const segments = segmentsOf(error.instancePath);
  let message = error.message ?? 'is invalid';
  if (error.keyword === 'additionalProperties') {
    segments.push(String((error.params as { additionalProperty: string }).additionalProperty));
    message = 'is not a configuration field';
  } else if (error.keyword === 'propertyNames') {
    segments.push(String((error.params as { propertyName: string }).propertyName));
    message = 'is not an allowed name here';
  } else if (error.keyword === 'required') {
    segments.push(String((error.params as { missingProperty: string }).missingProperty));
    message = 'is required';
  } else if (error.keyword === 'format') {
    message = FORMAT_MESSAGES[(error.params as { format: string }).format] ?? message;
  }
  return { field: dottedPath(segments) || 'body', pointer: jsonPointer(segments), message };
}

/** Every problem of a configuration document (what a tenant overrides), each named once by its path; [] when valid. */
export function validateConfiguration(document: unknown): ConfigurationProblem[] {
  const problems: ConfigurationProblem[] = [];
  if (typeof document === 'object' && document !== null && !Array.isArray(document) && 'limits' in document) {
    problems.push({ field: 'limits', pointer: '/limits', message: 'is read-only here: set limits with PUT /tenants/{id}/limits' });
  }
  if (!validateSchema(document)) {
    const seen = new Set(problems.map((problem) => problem.field));
    for (const problem of (validateSchema.errors ?? []).map(toProblem)) {
      if (seen.has(problem.field)) continue;
      seen.add(problem.field);
      problems.push(problem);
    }
  }
  return problems;
}
