/** The roles an API key can carry. */
export const ROLES = ['platform-admin', 'support', 'billing', 'read-only', 'tenant-admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles of the platform operator's staff, as opposed to a tenant's own administrator. */
export function isPlatformRole(role: Role): boolean {
  return role !== 'tenant-admin';
}
