/**
 * The platform's defaults for every configurable value; a plan's own defaults (its `configuration`
 * and `configuration_defaults` in tenant_registry.plans) merge over them, the tenant's overrides over those.
 */
import { ConfigurationDocument } from './configuration-document';

export const PLATFORM_CONFIGURATION_DEFAULTS: ConfigurationDocument = {
  theme: 'default',
  language: 'en',
  timezone: 'UTC',
  currency: 'USD',
  branding: { primaryColor: '#1f6feb', secondaryColor: '#0d1117', accentColor: '#f0883e', fontFamily: 'Inter, sans-serif', headingFontFamily: 'Inter, sans-serif' },
  features: { apiAccess: true, customDomain: false, sso: false, webhooks: false, auditLogExport: false, advancedAnalytics: false, betaFeatures: false },
  integrations: {},
  security: {
    passwordPolicy: { minLength: 12, requireUppercase: true, requireLowercase: true, requireDigit: true, requireSymbol: false, maxAgeDays: 0, historyCount: 0 },
    mfaRequired: false,
    allowedIpRanges: [],
    sessionLifetimeMinutes: 720,
    sso: { enabled: false },
  },
};
