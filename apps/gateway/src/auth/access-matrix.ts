/**
 * Who may call what: the role × operation matrix, and the pure decision built on it. Printed in
 * the README; change both together.
 */
import { Operation, OPERATIONS } from './operations';
import { Role } from './roles';

/** `any`: every tenant; `own`: only the tenant the key is bound to; `none`: refused. */
export type Grant = 'any' | 'own' | 'none';

export const ACCESS_MATRIX: Record<Operation, Record<Role, Grant>> = {
  listTenants: { 'platform-admin': 'any', support: 'any', billing: 'any', 'read-only': 'any', 'tenant-admin': 'own' },
  createTenant: { 'platform-admin': 'any', support: 'none', billing: 'none', 'read-only': 'none', 'tenant-admin': 'none' },
  getTenant: { 'platform-admin': 'any', support: 'any', billing: 'any', 'read-only': 'any', 'tenant-admin': 'own' },
  updateTenant: { 'platform-admin': 'any', support: 'none', billing: 'none', 'read-only': 'none', 'tenant-admin': 'own' },
  suspendTenant: { 'platform-admin': 'any', support: 'any', billing: 'none', 'read-only': 'none', 'tenant-admin': 'none' },
  reactivateTenant: { 'platform-admin': 'any', support: 'any', billing: 'none', 'read-only': 'none', 'tenant-admin': 'none' },
  deleteTenant: { 'platform-admin': 'any', support: 'none', billing: 'none', 'read-only': 'none', 'tenant-admin': 'none' },
  getTenantHistory: { 'platform-admin': 'any', support: 'any', billing: 'none', 'read-only': 'any', 'tenant-admin': 'own' },
  getProvisioning: { 'platform-admin': 'any', support: 'any', billing: 'none', 'read-only': 'any', 'tenant-admin': 'own' },
  retryProvisioning: { 'platform-admin': 'any', support: 'any', billing: 'none', 'read-only': 'none', 'tenant-admin': 'none' },
  getExport: { 'platform-admin': 'any', support: 'none', billing: 'none', 'read-only': 'any', 'tenant-admin': 'own' },
  verifyDomain: { 'platform-admin': 'any', support: 'any', billing: 'none', 'read-only': 'none', 'tenant-admin': 'own' },
  createApiKey: { 'platform-admin': 'any', support: 'none', billing: 'none', 'read-only': 'none', 'tenant-admin': 'none' },
  listApiKeys: { 'platform-admin': 'any', support: 'none', billing: 'none', 'read-only': 'none', 'tenant-admin': 'none' },
  revokeApiKey: { 'platform-admin': 'any', support: 'none', billing: 'none', 'read-only': 'none', 'tenant-admin': 'none' },
  listAuditEntries: { 'platform-admin': 'any', support: 'none', billing: 'none', 'read-only': 'none', 'tenant-admin': 'none' },
  recordUsage: { 'platform-admin': 'any', support: 'none', billing: 'any', 'read-only': 'none', 'tenant-admin': 'own' },
  recordUsageBatch: { 'platform-admin': 'any', support: 'none', billing: 'any', 'read-only': 'none', 'tenant-admin': 'own' },
  getUsage: { 'platform-admin': 'any', support: 'any', billing: 'any', 'read-only': 'any', 'tenant-admin': 'own' },
  getUsageSummary: { 'platform-admin': 'any', support: 'any', billing: 'any', 'read-only': 'any', 'tenant-admin': 'none' },
  getLimits: { 'platform-admin': 'any', support: 'any', billing: 'any', 'read-only': 'any', 'tenant-admin': 'own' },
  setLimits: { 'platform-admin': 'any', support: 'none', billing: 'any', 'read-only': 'none', 'tenant-admin': 'none' },
  listPlans: { 'platform-admin': 'any', support: 'any', billing: 'any', 'read-only': 'any', 'tenant-admin': 'none' },
  getPlan: { 'platform-admin': 'any', support: 'any', billing: 'any', 'read-only': 'any', 'tenant-admin': 'none' },
  createPlan: { 'platform-admin': 'any', support: 'none', billing: 'any', 'read-only': 'none', 'tenant-admin': 'none' },
  updatePlan: { 'platform-admin': 'any', support: 'none', billing: 'any', 'read-only': 'none', 'tenant-admin': 'none' },
  getSubscription: { 'platform-admin': 'any', support: 'any', billing: 'any', 'read-only': 'any', 'tenant-admin': 'own' },
  updateSubscription: { 'platform-admin': 'any', support: 'none', billing: 'any', 'read-only': 'none', 'tenant-admin': 'none' },
  listInvoices: { 'platform-admin': 'any', support: 'any', billing: 'any', 'read-only': 'any', 'tenant-admin': 'own' },
  getTenantInvoice: { 'platform-admin': 'any', support: 'any', billing: 'any', 'read-only': 'any', 'tenant-admin': 'own' },
  getInvoice: { 'platform-admin': 'any', support: 'any', billing: 'any', 'read-only': 'any', 'tenant-admin': 'none' },
  startBillingRun: { 'platform-admin': 'any', support: 'none', billing: 'any', 'read-only': 'none', 'tenant-admin': 'none' },
  getBillingRun: { 'platform-admin': 'any', support: 'any', billing: 'any', 'read-only': 'any', 'tenant-admin': 'none' },
  listPaymentMethods: { 'platform-admin': 'any', support: 'any', billing: 'any', 'read-only': 'any', 'tenant-admin': 'own' },
  addPaymentMethod: { 'platform-admin': 'any', support: 'none', billing: 'any', 'read-only': 'none', 'tenant-admin': 'own' },
  removePaymentMethod: { 'platform-admin': 'any', support: 'none', billing: 'any', 'read-only': 'none', 'tenant-admin': 'own' },
  payInvoice: { 'platform-admin': 'any', support: 'none', billing: 'any', 'read-only': 'none', 'tenant-admin': 'none' },
};

/** Fields of PUT /tenants/{id} a tenant admin may change; plan, domain and resources are the operator's. */
export const TENANT_ADMIN_UPDATABLE_FIELDS: readonly string[] = ['name', 'configuration'];

export interface Caller {
  role: Role;
  /** Set for tenant-admin keys only. */
  tenantId: string | null;
}

export type AccessDecision = { allowed: true } | { allowed: false; refusal: 'forbidden' | 'tenant-not-found' };

/**
 * A tenant admin asking about another tenant gets `tenant-not-found`, never `forbidden`, so a key
 * cannot probe which tenant ids exist; that check comes before the role check for the same reason.
 */
export function decideAccess(caller: Caller, operation: Operation, targetTenantId?: string): AccessDecision {
  const grant = ACCESS_MATRIX[operation][caller.role];
  if (targetTenantId !== undefined && caller.role === 'tenant-admin' && caller.tenantId !== targetTenantId.toLowerCase()) {
    return { allowed: false, refusal: 'tenant-not-found' };
  }
  switch (grant) {
    case 'any':
    case 'own':
      return { allowed: true };
    case 'none':
      return { allowed: false, refusal: 'forbidden' };
  }
}

/** The matrix as a markdown table, for the README (`node -e` on the compiled file prints it). */
export function accessMatrixMarkdown(): string {
  const roles = Object.keys(ACCESS_MATRIX.getTenant) as Role[];
  const mark: Record<Grant, string> = { any: 'yes', own: 'own tenant', none: '—' };
  const rows = (Object.keys(ACCESS_MATRIX) as Operation[]).map(
    (operation) => `| \`${OPERATIONS[operation].route}\` | ${operation} | ${roles.map((role) => mark[ACCESS_MATRIX[operation][role]]).join(' | ')} |`,
  );
  return [`| route | operation | ${roles.join(' | ')} |`, `|---|---|${roles.map(() => '---').join('|')}|`, ...rows].join('\n');
}
