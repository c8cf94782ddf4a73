// The public webhook routes through the compiled gateway to the real notifications service: bodies
// checked at the door (libs/notifications-api), the role matrix, and tenant isolation — a tenant
// admin registers, reads and changes its own tenant's endpoints only; another tenant's endpoint or
// delivery is 404, as if it did not exist. A receiver in this process gets the test event.
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { waitFor } from '@tenantry/testing';
import { GatewayOnFakeRegistry, problemType, startGatewayWith } from './support/gateway-client';

jest.setTimeout(120_000);

describe('gateway webhook routes', () => {
  let stack: GatewayOnFakeRegistry;
  let receiver: Server;
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    stack = await startGatewayWith('notifications', { WEBHOOK_ALLOWED_HOSTS: '127.0.0.1', WEBHOOK_DELIVERY_INTERVAL_MS: '100' });
  });

  afterAll(async () => {
    await stack?.stop();
    await new Promise<void>((resolve) => receiver?.close(() => resolve()));
  });

  it("keeps each tenant admin to its own tenant's endpoints and deliveries", async () => {
    const { gateway } = stack;
    const [A, B] = [stack.tenant(), stack.tenant()];
    const adminA = (await gateway.issueKey('tenant-admin', A)).key;
    const adminB = (await gateway.issueKey('tenant-admin', B)).key;
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

    const bad = await gateway.call('POST', '/webhook-endpoints', { key: adminA, body: { url, eventTypes: 'Invoice*', extra: 1 } });
    expect(bad.status).toBe(400);
    expect((bad.body['errors'] as { field: string }[]).map((e) => e.field)).toEqual(expect.arrayContaining(['eventTypes', 'extra']));
    const ssrf = await gateway.call('POST', '/webhook-endpoints', { key: adminA, body: { url: 'https://169.254.169.254/latest/meta-data', eventTypes: ['*'] } });
    expect(ssrf).toMatchObject({ status: 400, body: { type: problemType('validation-failed'), errors: [{ field: 'url' }] } });

    const created = await gateway.call('POST', '/webhook-endpoints', { key: adminA, body: { url, eventTypes: ['Invoice*'], description: 'A' } });
    expect(created).toMatchObject({ status: 201, body: { tenantId: A, url, enabled: true } });
    const id = created.body['id'] as string;
    const secret = created.body['secret'] as string;

    expect((await gateway.call('POST', `/webhook-endpoints/${id}/test`, { key: adminA })).status).toBe(202);
    await waitFor(() => (received.length >= 1 ? true : undefined), { timeoutMs: 20_000, what: 'the test event' });
    const [first] = received;
    const headers = { 'webhook-id': String(first?.headers['webhook-id']), 'webhook-timestamp': String(first?.headers['webhook-timestamp']), 'webhook-signature': String(first?.headers['webhook-signature']) };
    expect(new Webhook(secret).verify(first?.body ?? '', headers)).toMatchObject({ type: 'WebhookTest', tenantid: A });
    const log = await waitFor(
      async () => {
        const answer = await gateway.call('GET', `/webhook-endpoints/${id}/deliveries`, { key: adminA });
        const deliveries = answer.body['deliveries'] as { id: string; status: string }[];
        return deliveries[0]?.status === 'succeeded' ? deliveries : undefined;
      },
      { timeoutMs: 10_000, what: 'the delivery to be logged' },
    );
    const deliveryId = log[0]?.id as string;

    // B sees none of it and can change none of it.
    expect((await gateway.call('GET', '/webhook-endpoints', { key: adminB })).body).toEqual({ endpoints: [] });
    for (const [method, path, body] of [
      ['GET', `/webhook-endpoints/${id}`],
      ['PUT', `/webhook-endpoints/${id}`, { enabled: false }],
      ['POST', `/webhook-endpoints/${id}/rotate-secret`],
      ['GET', `/webhook-endpoints/${id}/deliveries`],
      ['POST', `/webhook-endpoints/${id}/test`],
      ['POST', `/webhook-endpoints/${id}/replay`, { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' }],
      ['POST', `/webhook-deliveries/${deliveryId}/redeliver`],
      ['DELETE', `/webhook-endpoints/${id}`],
    ] as const) {
      const answer = await gateway.call(method, path, { key: adminB, ...(body ? { body } : {}) });
      expect({ method, path, status: answer.status }).toEqual({ method, path, status: 404 });
    }
    expect((await gateway.call('GET', `/webhook-endpoints/${id}`, { key: adminA })).body).toMatchObject({ enabled: true, description: 'A' });

    // A platform admin sees every tenant's; support reads but cannot write; billing has no access.
    expect(((await gateway.call('GET', '/webhook-endpoints')).body['endpoints'] as { id: string }[]).map((e) => e.id)).toContain(id);
    const support = (await gateway.issueKey('support')).key;
    expect((await gateway.call('GET', `/webhook-endpoints/${id}`, { key: support })).status).toBe(200);
    expect((await gateway.call('PUT', `/webhook-endpoints/${id}`, { key: support, body: { enabled: false } })).status).toBe(403);
    expect((await gateway.call('GET', '/webhook-endpoints', { key: (await gateway.issueKey('billing')).key })).status).toBe(403);

    expect((await gateway.call('DELETE', `/webhook-endpoints/${id}`, { key: adminA })).status).toBe(204);
    expect((await gateway.call('GET', `/webhook-endpoints/${id}`)).status).toBe(404);
  });
});
