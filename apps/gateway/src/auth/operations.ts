/** Every public operation of the gateway (route under /api/v1/platform), with its scope and kind; the ids are also the OpenAPI operationIds. */
export const OPERATIONS = {
  listTenants: { route: 'GET /tenants', scope: 'platform', kind: 'read' },
  createTenant: { route: 'POST /tenants', scope: 'platform', kind: 'write' },
  getTenant: { route: 'GET /tenants/{id}', scope: 'tenant', kind: 'read' },
  updateTenant: { route: 'PUT /tenants/{id}', scope: 'tenant', kind: 'write' },
  suspendTenant: { route: 'POST /tenants/{id}/suspend', scope: 'tenant', kind: 'write' },
  reactivateTenant: { route: 'POST /tenants/{id}/reactivate', scope: 'tenant', kind: 'write' },
  deleteTenant: { route: 'DELETE /tenants/{id}', scope: 'tenant', kind: 'write' },
  getTenantHistory: { route: 'GET /tenants/{id}/history', scope: 'tenant', kind: 'read' },
  getProvisioning: { route: 'GET /tenants/{id}/provisioning', scope: 'tenant', kind: 'read' },
  retryProvisioning: { route: 'POST /tenants/{id}/provisioning/retry', scope: 'tenant', kind: 'write' },
  getExport: { route: 'GET /tenants/{id}/export', scope: 'tenant', kind: 'read' },
  verifyDomain: { route: 'POST /tenants/{id}/domain/verify', scope: 'tenant', kind: 'write' },
  createApiKey: { route: 'POST /api-keys', scope: 'admin', kind: 'write' },
  listApiKeys: { route: 'GET /api-keys', scope: 'admin', kind: 'read' },
  revokeApiKey: { route: 'DELETE /api-keys/{id}', scope: 'admin', kind: 'write' },
  listAuditEntries: { route: 'GET /audit', scope: 'admin', kind: 'read' },
  recordUsage: { route: 'POST /tenants/{id}/usage', scope: 'tenant', kind: 'write' },
  recordUsageBatch: { route: 'POST /usage/batch', scope: 'platform', kind: 'write' },
  getUsage: { route: 'GET /tenants/{id}/usage', scope: 'tenant', kind: 'read' },
  getUsageSummary: { route: 'GET /usage/summary', scope: 'platform', kind: 'read' },
  getLimits: { route: 'GET /tenants/{id}/limits', scope: 'tenant', kind: 'read' },
  setLimits: { route: 'PUT /tenants/{id}/limits', scope: 'tenant', kind: 'write' },
} as const satisfies Record<string, { route: string; scope: 'platform' | 'tenant' | 'admin'; kind: 'read' | 'write' }>;

export type Operation = keyof typeof OPERATIONS;
export const OPERATION_IDS = Object.keys(OPERATIONS) as Operation[];
