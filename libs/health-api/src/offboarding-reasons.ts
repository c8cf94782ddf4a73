/**
 * Why a tenant leaves, as the API takes it: a file with no imports, so the browser console can import
 * the one list (the declared entry `@tenantry/health-api/offboarding-reasons`) instead of keeping a copy.
 */
export const OFFBOARDING_REASONS = ['too-expensive', 'missing-features', 'switched-provider', 'poor-support', 'performance', 'no-longer-needed', 'business-closed', 'other'] as const;

export type OffboardingReason = (typeof OFFBOARDING_REASONS)[number];
