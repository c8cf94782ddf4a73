import { ACCESS_MATRIX, accessMatrixMarkdown, decideAccess } from './access-matrix';
import { OPERATION_IDS, OPERATIONS } from './operations';
import { ROLES } from './roles';

const TENANT = '6b0f7d1e-1111-4111-8111-111111111111';
const OTHER = '7c1f8e2f-2222-4222-8222-222222222222';

describe(decideAccess.name, () => {
  const sut = decideAccess;

  it('lets a platform admin do everything', () => {
    for (const operation of OPERATION_IDS) expect(sut({ role: 'platform-admin', tenantId: null }, operation, TENANT)).toEqual({ allowed: true });
  });

  it.each(['support', 'billing', 'read-only', 'tenant-admin'] as const)('refuses the admin routes to %s with forbidden', (role) => {
    for (const operation of OPERATION_IDS.filter((op) => OPERATIONS[op].scope === 'admin')) {
      expect(sut({ role, tenantId: role === 'tenant-admin' ? TENANT : null }, operation)).toEqual({ allowed: false, refusal: 'forbidden' });
    }
  });

  it('gives read-only every read of tenants and no write', () => {
    for (const operation of OPERATION_IDS.filter((op) => OPERATIONS[op].scope !== 'admin')) {
      expect(sut({ role: 'read-only', tenantId: null }, operation, TENANT).allowed).toBe(OPERATIONS[operation].kind === 'read');
    }
  });

  it('lets support suspend and reactivate but not delete or create', () => {
    const support = { role: 'support', tenantId: null } as const;
    expect(sut(support, 'suspendTenant', TENANT).allowed).toBe(true);
    expect(sut(support, 'reactivateTenant', TENANT).allowed).toBe(true);
    expect(sut(support, 'retryProvisioning', TENANT).allowed).toBe(true);
    expect(sut(support, 'deleteTenant', TENANT).allowed).toBe(false);
    expect(sut(support, 'createTenant').allowed).toBe(false);
  });

  it('lets billing only read tenants, read and record usage, and run billing', () => {
    const billing = { role: 'billing', tenantId: null } as const;
    expect(OPERATION_IDS.filter((op) => sut(billing, op, TENANT).allowed).sort()).toEqual([
      'addPaymentMethod', 'createPlan', 'getBillingRun', 'getBillingSummary', 'getBusinessAnalytics', 'getCaller', 'getComparativeAnalytics', 'getDunning', 'getInvoice', 'getInvoicePdf', 'getLimits', 'getMeter', 'getPlan', 'getRevenue', 'getSubscription', 'getTenant', 'getTenantDashboard', 'getTenantHealth', 'getTenantHealthHistory', 'getTenantInvoice', 'getTenantOnboarding',
      'getUsage', 'getUsageAnalytics', 'getUsageSummary', 'issueCreditNote', 'listCreditNotes', 'listInvoices', 'listMaintenance', 'listMeters', 'listPaymentMethods', 'listPlans', 'listTenantCreditNotes', 'listTenants', 'listUsageAlerts', 'payInvoice', 'recordUsage', 'recordUsageBatch', 'removePaymentMethod', 'setDefaultPaymentMethod', 'setLimits', 'startBillingRun', 'updatePlan', 'updateSubscription', 'voidInvoice',
    ]);
  });

  it('lets billing and platform admins change billing, support and read-only read it, and a tenant admin read only its own invoices and subscription', () => {
    const allowed = (operation: Parameters<typeof sut>[1]) => ROLES.filter((role) => sut({ role, tenantId: role === 'tenant-admin' ? TENANT : null }, operation, TENANT).allowed).sort();
    for (const write of ['createPlan', 'updatePlan', 'updateSubscription', 'startBillingRun', 'payInvoice', 'voidInvoice', 'issueCreditNote'] as const) expect(allowed(write)).toEqual(['billing', 'platform-admin']);
    for (const read of ['listPlans', 'getPlan', 'getInvoice', 'getBillingRun', 'listCreditNotes'] as const) expect(allowed(read)).toEqual(['billing', 'platform-admin', 'read-only', 'support']);
    for (const own of ['listInvoices', 'getTenantInvoice', 'listTenantCreditNotes', 'getSubscription', 'getDunning', 'listPaymentMethods'] as const) expect(allowed(own)).toEqual(['billing', 'platform-admin', 'read-only', 'support', 'tenant-admin']);
    for (const manage of ['addPaymentMethod', 'removePaymentMethod', 'setDefaultPaymentMethod'] as const) expect(allowed(manage)).toEqual(['billing', 'platform-admin', 'tenant-admin']);
    expect(sut({ role: 'tenant-admin', tenantId: TENANT }, 'addPaymentMethod', OTHER)).toEqual({ allowed: false, refusal: 'tenant-not-found' });
    expect(sut({ role: 'tenant-admin', tenantId: TENANT }, 'setDefaultPaymentMethod', OTHER)).toEqual({ allowed: false, refusal: 'tenant-not-found' });
    expect(sut({ role: 'tenant-admin', tenantId: TENANT }, 'listInvoices', OTHER)).toEqual({ allowed: false, refusal: 'tenant-not-found' });
  });

  it('lets every role but a tenant admin read revenue, and every role read invoice PDFs and billing summaries (a tenant admin its own)', () => {
    const allowed = (operation: Parameters<typeof sut>[1]) => ROLES.filter((role) => sut({ role, tenantId: role === 'tenant-admin' ? TENANT : null }, operation, TENANT).allowed).sort();
    expect(allowed('getRevenue')).toEqual(['billing', 'platform-admin', 'read-only', 'support']);
    expect(sut({ role: 'tenant-admin', tenantId: TENANT }, 'getRevenue')).toEqual({ allowed: false, refusal: 'forbidden' });
    for (const own of ['getInvoicePdf', 'getBillingSummary'] as const) expect(allowed(own)).toEqual(['billing', 'platform-admin', 'read-only', 'support', 'tenant-admin']);
    expect(ACCESS_MATRIX.getInvoicePdf['tenant-admin']).toBe('own');
    expect(sut({ role: 'tenant-admin', tenantId: TENANT }, 'getBillingSummary', OTHER)).toEqual({ allowed: false, refusal: 'tenant-not-found' });
  });

  it('answers tenant-not-found, not forbidden, when a tenant admin names another tenant, whatever the route', () => {
    for (const operation of OPERATION_IDS.filter((op) => OPERATIONS[op].scope === 'tenant')) {
      expect(sut({ role: 'tenant-admin', tenantId: TENANT }, operation, OTHER)).toEqual({ allowed: false, refusal: 'tenant-not-found' });
    }
  });

  it('lets a tenant admin work on its own tenant within its grants', () => {
    const admin = { role: 'tenant-admin', tenantId: TENANT } as const;
    expect(sut(admin, 'getTenant', TENANT.toUpperCase()).allowed).toBe(true);
    expect(sut(admin, 'updateTenant', TENANT).allowed).toBe(true);
    expect(sut(admin, 'suspendTenant', TENANT)).toEqual({ allowed: false, refusal: 'forbidden' });
    expect(sut(admin, 'createTenant')).toEqual({ allowed: false, refusal: 'forbidden' });
  });

  it('lets every platform role read meters, a tenant admin only the list, and only platform admins define or change them', () => {
    const allowed = (operation: Parameters<typeof sut>[1]) => ROLES.filter((role) => sut({ role, tenantId: role === 'tenant-admin' ? TENANT : null }, operation).allowed).sort();
    expect(allowed('listMeters')).toEqual(['billing', 'platform-admin', 'read-only', 'support', 'tenant-admin']);
    expect(allowed('getMeter')).toEqual(['billing', 'platform-admin', 'read-only', 'support']);
    for (const write of ['createMeter', 'updateMeter'] as const) expect(allowed(write)).toEqual(['platform-admin']);
  });

  it('lets every role read limits (a tenant admin its own) and only platform admins and billing set them', () => {
    expect(ROLES.filter((role) => sut({ role, tenantId: role === 'tenant-admin' ? TENANT : null }, 'getLimits', TENANT).allowed)).toEqual([...ROLES]);
    expect(ROLES.filter((role) => sut({ role, tenantId: role === 'tenant-admin' ? TENANT : null }, 'setLimits', TENANT).allowed).sort()).toEqual(['billing', 'platform-admin']);
  });

  it('lets every role read health and the dashboard (a tenant admin its own), and support, platform admins and a tenant admin record feedback', () => {
    const allowed = (operation: Parameters<typeof sut>[1]) => ROLES.filter((role) => sut({ role, tenantId: role === 'tenant-admin' ? TENANT : null }, operation, TENANT).allowed).sort();
    for (const read of ['getTenantHealth', 'getTenantHealthHistory', 'getTenantDashboard'] as const) expect(allowed(read)).toEqual(['billing', 'platform-admin', 'read-only', 'support', 'tenant-admin']);
    expect(allowed('recordTenantFeedback')).toEqual(['platform-admin', 'support', 'tenant-admin']);
    expect(sut({ role: 'tenant-admin', tenantId: TENANT }, 'getTenantDashboard', OTHER)).toEqual({ allowed: false, refusal: 'tenant-not-found' });
  });

  it('lets every role read onboarding (a tenant admin its own), operators handle check-ins, and a tenant admin record its own offboarding feedback', () => {
    const allowed = (operation: Parameters<typeof sut>[1]) => ROLES.filter((role) => sut({ role, tenantId: role === 'tenant-admin' ? TENANT : null }, operation, TENANT).allowed).sort();
    expect(allowed('getTenantOnboarding')).toEqual(['billing', 'platform-admin', 'read-only', 'support', 'tenant-admin']);
    expect(sut({ role: 'tenant-admin', tenantId: TENANT }, 'getTenantOnboarding', OTHER)).toEqual({ allowed: false, refusal: 'tenant-not-found' });
    expect(allowed('listRetentionCheckIns')).toEqual(['platform-admin', 'read-only', 'support']);
    expect(allowed('completeRetentionCheckIn')).toEqual(['platform-admin', 'support']);
    expect(sut({ role: 'tenant-admin', tenantId: TENANT }, 'listRetentionCheckIns')).toEqual({ allowed: false, refusal: 'forbidden' });
    expect(allowed('recordOffboardingFeedback')).toEqual(['platform-admin', 'support', 'tenant-admin']);
    expect(allowed('listOffboardingFeedback')).toEqual(['platform-admin', 'read-only', 'support', 'tenant-admin']);
    expect(sut({ role: 'tenant-admin', tenantId: TENANT }, 'recordOffboardingFeedback', OTHER)).toEqual({ allowed: false, refusal: 'tenant-not-found' });
  });

  it('lets every platform role read the cross-tenant analytics and refuses them to a tenant admin', () => {
    const allowed = (operation: Parameters<typeof sut>[1]) => ROLES.filter((role) => sut({ role, tenantId: role === 'tenant-admin' ? TENANT : null }, operation).allowed).sort();
    for (const read of ['getUsageAnalytics', 'getBusinessAnalytics', 'getComparativeAnalytics'] as const) {
      expect(allowed(read)).toEqual(['billing', 'platform-admin', 'read-only', 'support']);
      expect(sut({ role: 'tenant-admin', tenantId: TENANT }, read)).toEqual({ allowed: false, refusal: 'forbidden' });
    }
  });

  it('has a grant for every role on every operation and prints as a table', () => {
    for (const operation of OPERATION_IDS) expect(Object.keys(ACCESS_MATRIX[operation]).sort()).toEqual([...ROLES].sort());
    expect(accessMatrixMarkdown().split('\n')).toHaveLength(OPERATION_IDS.length + 2);
  });
});
