import { ProblemException } from '@tenantry/service';
import { deriveSlug, resolveDomain } from './tenant-domain';

const PLATFORM = 'tenantry.local';

function fieldsOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return (error as ProblemException).extensions['errors'];
  }
  return undefined;
}

describe('tenant domain rules', () => {
  it('turns a label into a subdomain of the platform domain', () => {
    expect(resolveDomain({ value: 'Acme' }, PLATFORM)).toEqual({ type: 'subdomain', value: 'acme', hostname: 'acme.tenantry.local', ssl: true });
  });

  it('reads a FQDN under the platform domain as that subdomain', () => {
    expect(resolveDomain({ value: 'acme.tenantry.local' }, PLATFORM)).toMatchObject({ type: 'subdomain', value: 'acme' });
  });

  it('reads any other FQDN as a custom domain', () => {
    expect(resolveDomain({ value: 'Shop.Example.com', ssl: false }, PLATFORM)).toEqual({ type: 'custom', value: 'shop.example.com', hostname: 'shop.example.com', ssl: false });
  });

  it.each(['ab', 'a'.repeat(64), '-acme', 'acme-', 'ac_me', 'ac me'])('refuses the subdomain %p, naming domain.value', (value) => {
    expect(fieldsOf(() => resolveDomain({ type: 'subdomain', value }, PLATFORM))).toEqual([{ field: 'domain.value', message: expect.stringContaining('3–63') }]);
  });

  it('refuses a custom domain under the platform domain', () => {
    expect(fieldsOf(() => resolveDomain({ type: 'custom', value: 'acme.tenantry.local' }, PLATFORM))).toEqual([{ field: 'domain.value', message: expect.any(String) }]);
  });

  it('refuses a custom domain that is not a FQDN', () => {
    expect(fieldsOf(() => resolveDomain({ type: 'custom', value: 'localhost' }, PLATFORM))).toEqual([{ field: 'domain.value', message: expect.any(String) }]);
  });

  it('derives the slug from the subdomain, or from the name for a custom domain', () => {
    expect(deriveSlug(resolveDomain({ value: 'acme' }, PLATFORM), 'Whatever')).toBe('acme');
    expect(deriveSlug(resolveDomain({ value: 'shop.example.com' }, PLATFORM), 'Café Müller & Söhne')).toBe('cafe-muller-sohne');
  });

  it('refuses a name that yields no usable slug', () => {
    expect(fieldsOf(() => deriveSlug(resolveDomain({ value: 'shop.example.com' }, PLATFORM), '!!'))).toEqual([{ field: 'name', message: expect.any(String) }]);
  });
});
