import { ProblemException } from '@tenantry/service';
import { aTenant, InMemoryTenantRepository } from '../../testing/in-memory-tenant.repository';
import { ListTenantsCommand } from './list-tenants.command';
import { ListTenantsUseCase } from './list-tenants.use-case';
import { encodeCursor } from './tenant-cursor';

describe(ListTenantsUseCase.name, () => {
  it('walks every tenant once, page by page, with an opaque cursor', async () => {
    const repository = new InMemoryTenantRepository();
    const tenants = Array.from({ length: 7 }, (_, i) => aTenant({ createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)) }));
    for (const tenant of tenants) repository.seed(tenant);
    const sut = new ListTenantsUseCase(repository);

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await sut.execute(new ListTenantsCommand(3, 'createdAt', cursor));
      seen.push(...page.items.map((tenant) => tenant.id));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);

    expect(seen).toEqual(tenants.map((tenant) => tenant.id));
    expect(pages).toBe(3);
  });

  it.each([
    ['garbage', 'createdAt'],
    [encodeCursor('name', { key: 'acme', id: '00000000-0000-4000-8000-000000000001' }), 'createdAt'],
    [encodeCursor('createdAt', { key: 'not a date', id: '00000000-0000-4000-8000-000000000001' }), 'createdAt'],
  ] as const)('refuses the cursor %p with 400 naming the cursor', async (cursor, sort) => {
    const sut = new ListTenantsUseCase(new InMemoryTenantRepository());

    const error = await sut.execute(new ListTenantsCommand(3, sort, cursor)).catch((caught: unknown) => caught as ProblemException);

    expect(error).toMatchObject({ code: 'validation-failed', extensions: { errors: [{ field: 'cursor', message: expect.any(String) }] } });
  });
});
