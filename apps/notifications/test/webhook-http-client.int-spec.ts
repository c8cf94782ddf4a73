// The webhook sender against real HTTP servers in this process, with a resolver of the test's own:
// it connects to the address the SSRF guard checked (a name the system cannot resolve still
// arrives), re-checks at every send (a name re-pointed to a private address is refused before any
// connection: DNS rebinding), gives up after the timeout, and keeps 1 KiB of the answer.
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { NodeWebhookHttpClient } from '../src/webhooks/deliveries/webhook-http-client';
import { HostResolver, ResolvedAddress } from '../src/webhooks/ssrf/host-resolver';
import { WebhookUrlGuard } from '../src/webhooks/ssrf/webhook-url-guard';
import { WebhooksConfig } from '../src/webhooks/webhooks.config';

class TableResolver extends HostResolver {
  constructor(readonly table: Record<string, string>) {
    super();
  }

  async resolve(host: string): Promise<ResolvedAddress[]> {
    const address = this.table[host] ?? host;
    return [{ address, family: 4 }];
  }
}

describe(NodeWebhookHttpClient.name, () => {
  let server: Server;
  let port: number;
  let hits = 0;
  let mode: 'ok' | 'slow' | 'huge' = 'ok';

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits += 1;
      req.resume();
      req.on('end', () => {
        if (mode === 'slow') return void setTimeout(() => res.writeHead(200).end('late'), 1_500);
        if (mode === 'huge') return void res.writeHead(500).end('y'.repeat(200_000));
        res.writeHead(200).end(`got ${req.headers['webhook-id']}`);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  function client(table: Record<string, string>, allowed: string) {
    const config = Object.assign(new WebhooksConfig(), { WEBHOOK_ALLOWED_HOSTS: allowed, WEBHOOK_TIMEOUT_MS: 500 });
    return new NodeWebhookHttpClient(new WebhookUrlGuard(new TableResolver(table), config), config);
  }
  const webhook = (url: string) => ({ url, headers: { 'webhook-id': 'msg_1', 'content-type': 'application/json' }, body: Buffer.from('{}') });

  it('connects to the checked address, not to what the system would resolve', async () => {
    mode = 'ok';
    const sut = client({ 'receiver.invalid': '127.0.0.1' }, 'receiver.invalid');
    expect(await sut.send(webhook(`http://receiver.invalid:${port}/hook`))).toMatchObject({ statusCode: 200, error: null, responseExcerpt: 'got msg_1' });
  });

  it('re-checks at every send: a name re-pointed to a private address is refused without a connection', async () => {
    const table = { 'rebind.invalid': '93.184.216.34' };
    const sut = client(table, '');
    table['rebind.invalid'] = '127.0.0.1';
    const before = hits;
    const answer = await sut.send(webhook(`https://rebind.invalid:${port}/hook`));
    expect(answer).toMatchObject({ statusCode: null, error: expect.stringMatching(/^refused: resolves to a forbidden address: 127\.0\.0\.1/) });
    expect(hits).toBe(before);
  });

  it('fails an attempt without a whole answer within the timeout', async () => {
    mode = 'slow';
    const answer = await client({}, '127.0.0.1').send(webhook(`http://127.0.0.1:${port}/hook`));
    expect(answer).toMatchObject({ statusCode: null, error: expect.stringContaining('timeout') });
    expect(answer.latencyMs).toBeLessThan(1_400);
  });

  it('reads at most 64 KiB of an answer and keeps its first 1 KiB', async () => {
    mode = 'huge';
    const answer = await client({}, '127.0.0.1').send(webhook(`http://127.0.0.1:${port}/hook`));
    expect(answer.statusCode).toBe(500);
    expect(answer.responseExcerpt).toBe('y'.repeat(1024));
  });
});
