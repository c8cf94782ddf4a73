import { DescribeCallerUseCase } from './describe-caller.use-case';

describe(DescribeCallerUseCase.name, () => {
  const sut = new DescribeCallerUseCase();
  const TENANT = '6b0f7d1e-1111-4111-8111-111111111111';

  it('lists only the reads for a read-only key', () => {
    const described = sut.execute({ keyId: 'k1', role: 'read-only', tenantId: null });
    const names = described.operations.map((o) => o.operation);
    expect(names).toContain('listTenants');
    expect(names).not.toContain('createTenant');
    expect(names).not.toContain('suspendTenant');
    expect(names).not.toContain('createApiKey');
  });

  it('names a tenant admin its tenant and grants it its own tenant only', () => {
    const described = sut.execute({ keyId: 'k2', role: 'tenant-admin', tenantId: TENANT });
    expect(described).toMatchObject({ keyId: 'k2', role: 'tenant-admin', tenantId: TENANT });
    expect(described.operations).toContainEqual({ operation: 'getTenant', grant: 'own' });
    expect(described.operations.map((o) => o.operation)).not.toContain('createTenant');
  });

  it('grants a platform admin every operation', () => {
    expect(sut.execute({ keyId: 'k3', role: 'platform-admin', tenantId: null }).operations.every((o) => o.grant === 'any')).toBe(true);
  });
});
