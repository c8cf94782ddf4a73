/** The tenant a query is about: every tenant-scoped repository method demands one. */
declare const TENANT_SCOPE: unique symbol;

/**
 * Branded, so a plain `{ tenantId }` does not compile where a scope is asked for: a query can only
 * be scoped on purpose, through `tenantScope()`. Extra fields of a query go beside it
 * (`{ ...tenantScope(id), from, to }`).
 */
export type TenantScope = { readonly tenantId: string } & { readonly [TENANT_SCOPE]: true };

export function tenantScope(tenantId: string): TenantScope {
  if (!tenantId) throw new TypeError('a tenant scope needs a tenant id');
  return { tenantId } as TenantScope;
}
