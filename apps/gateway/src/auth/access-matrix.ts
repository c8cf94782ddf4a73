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
  listUsageAlerts: { 'platform-admin': 'any', support: 'any', billing: 'any', 'read-only': 'any', 'tenant-admin': 'own' },
  getUsageSummary: { 'platform-admin': 'any', support: 'any', billing: 'any', 'read-only': 'any', 'tenant-admin': 'none' },
  listMeters: { 'platform-admin': 'any', support: 'any', billing: 'any', 'read-only': 'any', 'tenant-admin': 'any' },
  getMeter: { 'platform-admin': 'any', support: 'any', billing: 'any', 'read-only': 'any', 'tenant-admin': 'none' },
  createMeter: { 'platform-admin': 'any', support: 'none', billing: 'none', 'read-only': 'none', 'tenant-admin': 'none' },
  updateMeter: { 'platform-admin': 'any', support: 'none', billing: 'none', 'read-only': 'none', 'tenant-admin': 'none' },
  getLimits: { 'platform-admin': 'any', support: 'any', billing: 'any', 'read-only': 'any', 'tenant-admin': 'own' },
  setLimits: { 'platform-admin': 'any', support: 'none', billing: 'any', 'read-only': 'none', 'tenant-admin': 'none' },
  listPlans: { 'platform-admin': 'any', support: 'any', billing: 'any', 'read-only': 'any', 'tenant-admin': 'none' },
  getPlan: { 'platform-admin': 'any', support: 'any', billing: 'any', 'read-only': 'any', 'tenant-admin': 'none' },
  createPlan: { 'platform-admin': 'any', support: 'none', billing: 'any', 'read-only': 'none', 'tenant-admin': 'none' },
  updatePlan: { 'platform-admin': 'any', support: 'none', billing: 'any', 'read-only': 'none', 'tenant-admin': 'none' },
  getSubscription: { 'platform-admin': 'any', support: 'any', billing: 'any', 'read-only': 'any', 'tenant-admin': 'own' },
  getDunning: { 'platform-admin': 'any', support: 'any', billing: 'any', 'read-only': 'any', 'tenant-admin': 'own' },
  updateSubscription: { 'platform-admin': 'any', support: 'none', billing: 'any', 'read-only': 'none', 'tenant-admin': 'none' },
  listInvoices: { 'platform-admin': 'any', support: 'any', billing: 'any', 'read-only': 'any', 'tenant-admin': 'own' },
  getTenantInvoice: { 'platform-admin': 'any', support: 'any', billing: 'any', 'read-only': 'any', 'tenant-admin': 'own' },
  getInvoice: { 'platform-admin': 'any', support: 'any', billing: 'any', 'read-only': 'any', 'tenant-admin': 'none' },
  startBillingRun: { 'platform-admin': 'any', support: 'none', billing: 'any', 'read-only': 'none', 'tenant-admin': 'none' },
  getBillingRun: { 'platform-admin': 'any', support: 'any', billing: 'any', 'read-only': 'any', 'tenant-admin': 'none' },
  listPaymentMethods: { 'platform-admin': 'any', support: 'any', billing: 'any', 'read-only': 'any', 'tenant-admin': 'own' },
  addPaymentMethod: { 'platform-admin': 'any', support: 'none', billing: 'any', 'read-only': 'none', 'tenant-admin': 'own' },
  removePaymentMethod: { 'platform-admin': 'any', support: 'none', billing: 'any', 'read-only': 'none', 'tenant-admin': 'own' },
  setDefaultPaymentMethod: { 'platform-admin': 'any', support: 'none', billing: 'any', 'read-only': 'none', 'tenant-admin': 'own' },
  payInvoice: { 'platform-admin': 'any', support: 'none', billing: 'any', 'read-only': 'none', 'tenant-admin': 'none' },
  voidInvoice: { 'platform-admin': 'any', support: 'none', billing: 'any', 'read-only': 'none', 'tenant-admin': 'none' },
  issueCreditNote: { 'platform-admin': 'any', support: 'none', billing: 'any', 'read-only': 'none', 'tenant-admin': 'none' },
  listCreditNotes: { 'platform-admin': 'any', support: 'any', billing: 'any', 'read-only': 'any', 'tenant-admin': 'none' },
  listTenantCreditNotes: { 'platform-admin': 'any', support: 'any', billing: 'any', 'read-only': 'any', 'tenant-admin': 'own' },
  // A tenant admin's PDF request is sent to billing scoped to its own tenant: another tenant's invoice is not found.
  getInvoicePdf: { 'platform-admin': 'any', support: 'any', billing: 'any', 'read-only': 'any', 'tenant-admin': 'own' },
  getRevenue: { 'platform-admin': 'any', support: 'any', billing: 'any', 'read-only': 'any', 'tenant-admin': 'none' },
  getBillingSummary: { 'platform-admin': 'any', support: 'any', billing: 'any', 'read-only': 'any', 'tenant-admin': 'own' },
  getTenantHealth: { 'platform-admin': 'any', support: 'any', billing: 'any', 'read-only': 'any', 'tenant-admin': 'own' },
  getTenantHealthHistory: { 'platform-admin': 'any', support: 'any', billing: 'any', 'read-only': 'any', 'tenant-admin': 'own' },
  recordTenantFeedback: { 'platform-admin': 'any', support: 'any', billing: 'none', 'read-only': 'none', 'tenant-admin': 'own' },
  getTenantDashboard: { 'platform-admin': 'any', support: 'any', billing: 'any', 'read-only': 'any', 'tenant-admin': 'own' },
  // Lifecycle journeys: every platform role reads a tenant's onboarding, a tenant admin its own; check-ins are operator
  // (customer success) tasks; offboarding feedback is recorded like feedback (platform-admin, support, the tenant's own admin).
  getTenantOnboarding: { 'platform-admin': 'any', support: 'any', billing: 'any', 'read-only': 'any', 'tenant-admin': 'own' },
  listRetentionCheckIns: { 'platform-admin': 'any', support: 'any', billing: 'none', 'read-only': 'any', 'tenant-admin': 'none' },
  completeRetentionCheckIn: { 'platform-admin': 'any', support: 'any', billing: 'none', 'read-only': 'none', 'tenant-admin': 'none' },
  recordOffboardingFeedback: { 'platform-admin': 'any', support: 'any', billing: 'none', 'read-only': 'none', 'tenant-admin': 'own' },
  listOffboardingFeedback: { 'platform-admin': 'any', support: 'any', billing: 'none', 'read-only': 'any', 'tenant-admin': 'own' },
  // Cross-tenant analytics: every platform role; a tenant-admin key never (they describe other tenants).
  getUsageAnalytics: { 'platform-admin': 'any', support: 'any', billing: 'any', 'read-only': 'any', 'tenant-admin': 'none' },
  getBusinessAnalytics: { 'platform-admin': 'any', support: 'any', billing: 'any', 'read-only': 'any', 'tenant-admin': 'none' },
  getComparativeAnalytics: { 'platform-admin': 'any', support: 'any', billing: 'any', 'read-only': 'any', 'tenant-admin': 'none' },
  // Webhooks: the platform's and every tenant's for platform roles; a tenant admin's own tenant's only
  // (notifications scopes by the token's tenant: another tenant's endpoint or delivery is not found).
  listWebhookEndpoints: { 'platform-admin': 'any', support: 'any', billing: 'none', 'read-only': 'any', 'tenant-admin': 'own' },
  createWebhookEndpoint: { 'platform-admin': 'any', support: 'none', billing: 'none', 'read-only': 'none', 'tenant-admin': 'own' },
  getWebhookEndpoint: { 'platform-admin': 'any', support: 'any', billing: 'none', 'read-only': 'any', 'tenant-admin': 'own' },
  updateWebhookEndpoint: { 'platform-admin': 'any', support: 'none', billing: 'none', 'read-only': 'none', 'tenant-admin': 'own' },
  deleteWebhookEndpoint: { 'platform-admin': 'any', support: 'none', billing: 'none', 'read-only': 'none', 'tenant-admin': 'own' },
  rotateWebhookSecret: { 'platform-admin': 'any', support: 'none', billing: 'none', 'read-only': 'none', 'tenant-admin': 'own' },
  listWebhookDeliveries: { 'platform-admin': 'any', support: 'any', billing: 'none', 'read-only': 'any', 'tenant-admin': 'own' },
  replayWebhookEvents: { 'platform-admin': 'any', support: 'none', billing: 'none', 'read-only': 'none', 'tenant-admin': 'own' },
  testWebhookEndpoint: { 'platform-admin': 'any', support: 'none', billing: 'none', 'read-only': 'none', 'tenant-admin': 'own' },
  redeliverWebhook: { 'platform-admin': 'any', support: 'none', billing: 'none', 'read-only': 'none', 'tenant-admin': 'own' },
  listNotifications: { 'platform-admin': 'any', support: 'any', billing: 'none', 'read-only': 'any', 'tenant-admin': 'own' },
  getNotificationPreferences: { 'platform-admin': 'any', support: 'any', billing: 'none', 'read-only': 'any', 'tenant-admin': 'own' },
  setNotificationPreferences: { 'platform-admin': 'any', support: 'any', billing: 'none', 'read-only': 'none', 'tenant-admin': 'own' },
  getNotificationTemplate: { 'platform-admin': 'any', support: 'any', billing: 'none', 'read-only': 'any', 'tenant-admin': 'none' },
  putNotificationTemplate: { 'platform-admin': 'any', support: 'none', billing: 'none', 'read-only': 'none', 'tenant-admin': 'none' },
  resetNotificationTemplate: { 'platform-admin': 'any', support: 'none', billing: 'none', 'read-only': 'none', 'tenant-admin': 'none' },
  // Configuration: platform admins and a tenant's own admin change it; support and read-only read it (secrets are never readable).
  getConfigurationSchema: { 'platform-admin': 'any', support: 'any', billing: 'none', 'read-only': 'any', 'tenant-admin': 'any' },
  getConfiguration: { 'platform-admin': 'any', support: 'any', billing: 'none', 'read-only': 'any', 'tenant-admin': 'own' },
  patchConfiguration: { 'platform-admin': 'any', support: 'none', billing: 'none', 'read-only': 'none', 'tenant-admin': 'own' },
  replaceConfiguration: { 'platform-admin': 'any', support: 'none', billing: 'none', 'read-only': 'none', 'tenant-admin': 'own' },
  listConfigurationVersions: { 'platform-admin': 'any', support: 'any', billing: 'none', 'read-only': 'any', 'tenant-admin': 'own' },
  getConfigurationVersion: { 'platform-admin': 'any', support: 'any', billing: 'none', 'read-only': 'any', 'tenant-admin': 'own' },
  diffConfiguration: { 'platform-admin': 'any', support: 'any', billing: 'none', 'read-only': 'any', 'tenant-admin': 'own' },
  rollbackConfiguration: { 'platform-admin': 'any', support: 'none', billing: 'none', 'read-only': 'none', 'tenant-admin': 'own' },
  // Every key may ask who it is and what it may do (the console decides its buttons from the answer).
  getCaller: { 'platform-admin': 'any', support: 'any', billing: 'any', 'read-only': 'any', 'tenant-admin': 'own' },
  // Tenant users live in the tenant's own database (provisioning answers); support and read-only look, the tenant's admin manages its own.
  listTenantUsers: { 'platform-admin': 'any', support: 'any', billing: 'none', 'read-only': 'any', 'tenant-admin': 'own' },
  inviteTenantUser: { 'platform-admin': 'any', support: 'none', billing: 'none', 'read-only': 'none', 'tenant-admin': 'own' },
  getTenantUser: { 'platform-admin': 'any', support: 'any', billing: 'none', 'read-only': 'any', 'tenant-admin': 'own' },
  disableTenantUser: { 'platform-admin': 'any', support: 'none', billing: 'none', 'read-only': 'none', 'tenant-admin': 'own' },
  recordTenantUserLogin: { 'platform-admin': 'any', support: 'none', billing: 'none', 'read-only': 'none', 'tenant-admin': 'own' },
  // Data import into the tenant's own database (onboarding): who may invite users may import them; support and read-only follow progress.
  startTenantImport: { 'platform-admin': 'any', support: 'none', billing: 'none', 'read-only': 'none', 'tenant-admin': 'own' },
  listTenantImports: { 'platform-admin': 'any', support: 'any', billing: 'none', 'read-only': 'any', 'tenant-admin': 'own' },
  getTenantImport: { 'platform-admin': 'any', support: 'any', billing: 'none', 'read-only': 'any', 'tenant-admin': 'own' },
  cancelTenantImport: { 'platform-admin': 'any', support: 'none', billing: 'none', 'read-only': 'none', 'tenant-admin': 'own' },
  // Impersonation: support and platform admins only (write access: platform admins only, checked by the use case);
  // an impersonation credential (a tenant-admin principal) can never start another.
  createImpersonation: { 'platform-admin': 'any', support: 'any', billing: 'none', 'read-only': 'none', 'tenant-admin': 'none' },
  listImpersonations: { 'platform-admin': 'any', support: 'any', billing: 'none', 'read-only': 'any', 'tenant-admin': 'own' },
  revokeImpersonation: { 'platform-admin': 'any', support: 'any', billing: 'none', 'read-only': 'none', 'tenant-admin': 'none' },
  // The tenant's own audit trail: every audited call on it, impersonated ones with both identities.
  listTenantAuditEntries: { 'platform-admin': 'any', support: 'any', billing: 'none', 'read-only': 'any', 'tenant-admin': 'own' },
  // Bulk jobs and maintenance: platform-admins act; support and read-only follow them; tenant admins never.
  startBulkJob: { 'platform-admin': 'any', support: 'none', billing: 'none', 'read-only': 'none', 'tenant-admin': 'none' },
  getBulkJob: { 'platform-admin': 'any', support: 'any', billing: 'none', 'read-only': 'any', 'tenant-admin': 'none' },
  streamBulkJobEvents: { 'platform-admin': 'any', support: 'any', billing: 'none', 'read-only': 'any', 'tenant-admin': 'none' },
  cancelBulkJob: { 'platform-admin': 'any', support: 'none', billing: 'none', 'read-only': 'none', 'tenant-admin': 'none' },
  listMaintenance: { 'platform-admin': 'any', support: 'any', billing: 'any', 'read-only': 'any', 'tenant-admin': 'none' },
  scheduleMaintenance: { 'platform-admin': 'any', support: 'none', billing: 'none', 'read-only': 'none', 'tenant-admin': 'none' },
  endMaintenance: { 'platform-admin': 'any', support: 'none', billing: 'none', 'read-only': 'none', 'tenant-admin': 'none' },
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
