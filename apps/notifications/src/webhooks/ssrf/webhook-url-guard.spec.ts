import { HostResolver, ResolvedAddress } from './host-resolver';
import { forbiddenAddressReason, WebhookUrlGuard } from './webhook-url-guard';

/** Names resolve as the table says (an IP literal resolves to itself). */
class TableResolver extends HostResolver {
  constructor(private readonly table: Record<string, string[]>) {
    super();
  }

  async resolve(host: string): Promise<ResolvedAddress[]> {
    if (/^[\d.]+$/.test(host)) return [{ address: host, family: 4 }];
    if (host.includes(':')) return [{ address: host, family: 6 }];
    const found = this.table[host];
    if (!found) throw new Error(`ENOTFOUND ${host}`);
    return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  }
}

describe(WebhookUrlGuard.name, () => {
  const resolver = new TableResolver({
    'hooks.example.com': ['93.184.216.34'],
    localhost: ['127.0.0.1', '::1'],
    'intranet.example.com': ['10.1.2.3'],
    'mixed.example.com': ['93.184.216.34', '192.168.1.10'],
    'metadata.example.com': ['169.254.169.254'],
    'v6-private.example.com': ['fd00::1'],
  });
  const sut = new WebhookUrlGuard(resolver, { WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' });

  it('accepts an https URL of a public address and names the address to connect to', async () => {
    expect(await sut.check('https://hooks.example.com/tenantry')).toMatchObject({ ok: true, target: { address: '93.184.216.34', family: 4 } });
  });

  it.each([
    ['https://10.0.0.1/hook', /forbidden address/],
    ['https://169.254.169.254/latest/meta-data', /forbidden address/],
    ['https://localhost/hook', /forbidden address/],
    ['http://localhost:8080/hook', /must use https/],
    ['https://intranet.example.com/hook', /forbidden address: 10\.1\.2\.3/],
    ['https://mixed.example.com/hook', /forbidden address: 192\.168\.1\.10/],
    ['https://metadata.example.com/hook', /forbidden address/],
    ['https://v6-private.example.com/hook', /forbidden address/],
    ['https://[::1]/hook', /forbidden address/],
    ['https://[::ffff:10.0.0.1]/hook', /forbidden address/],
    ['https://0.0.0.0/hook', /forbidden address/],
    ['https://100.64.1.1/hook', /forbidden address/],
    ['https://172.20.0.1/hook', /forbidden address/],
    ['http://hooks.example.com/hook', /must use https/],
    ['https://user:pw@hooks.example.com/hook', /credentials/],
    ['ftp://hooks.example.com/hook', /https/],
    ['not a url', /absolute/],
    ['https://nowhere.example.com/hook', /does not resolve/],
  ])('refuses %s', async (url, reason) => {
    const check = await sut.check(url);
    expect(check.ok).toBe(false);
    expect(check.ok ? '' : check.reason).toMatch(reason);
  });

  it('lets a host on the allow-list through, over plain http too', async () => {
    expect(await sut.check('http://127.0.0.1:9999/hook')).toMatchObject({ ok: true, target: { address: '127.0.0.1' } });
  });

  it('re-checks on every call: a name re-pointed to a private address is refused the next time (DNS rebinding)', async () => {
    const table: Record<string, string[]> = { 'rebind.example.com': ['93.184.216.34'] };
    const guard = new WebhookUrlGuard(new TableResolver(table), {});
    expect((await guard.check('https://rebind.example.com/')).ok).toBe(true);
    table['rebind.example.com'] = ['127.0.0.1'];
    expect((await guard.check('https://rebind.example.com/')).ok).toBe(false);
  });
});

describe('forbiddenAddressReason', () => {
  it.each(['127.0.0.1', '10.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.0.1', '169.254.169.254', '100.64.0.1', '100.127.255.255', '0.0.0.0', '::1', '::', 'fc00::1', 'fd12::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:a00:1', '224.0.0.1'])('forbids %s', (address) => {
    expect(forbiddenAddressReason(address)).toBeDefined();
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111'])('allows %s', (address) => {
    expect(forbiddenAddressReason(address)).toBeUndefined();
  });
});
