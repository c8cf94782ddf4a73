/** One fact about a tenant for the directory. */
export type ProjectTenantCommand =
  | { kind: 'created'; tenantId: string; name: string; adminEmail: string; language: string; at: Date }
  | { kind: 'configured'; tenantId: string; configuration: Record<string, unknown>; at: Date }
  | { kind: 'admin-invited'; tenantId: string; email: string; expiresAt: Date; at: Date }
  | { kind: 'provisioned'; tenantId: string; hostname: string; at: Date }
  | { kind: 'offboarded'; tenantId: string; at: Date };
