// Swagger names each schema after its class: two DTO classes of one name collapse into one schema, and one
// route is then documented with the other's shape (the business analytics' revenue months showed billing's).
import * as billing from '@tenantry/billing-api';
import * as health from '@tenantry/health-api';
import * as notifications from '@tenantry/notifications-api';
import * as tenants from '@tenantry/tenant-api';
import * as usage from '@tenantry/usage-api';

describe('OpenAPI schema names', () => {
  it('are unique across the API libraries', () => {
    const libraries = { billing, health, notifications, tenants, usage };
    const owners = new Map<string, string[]>();
    for (const [library, exported] of Object.entries(libraries)) {
      for (const [name, value] of Object.entries(exported)) {
        if (typeof value !== 'function' || !/Dto$/.test(value.name)) continue;
        owners.set(value.name, [...(owners.get(value.name) ?? []), `${library}.${name}`]);
      }
    }
    expect(owners.size).toBeGreaterThan(50);
    expect([...owners].filter(([, where]) => where.length > 1)).toEqual([]);
  });
});
