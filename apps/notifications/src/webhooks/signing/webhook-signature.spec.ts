import { Webhook } from 'standardwebhooks';
import { generateWebhookSecret, signatureHeader, signWebhook } from './webhook-signature';
import { SecretSealer } from './secret-sealer';

describe('webhook signatures', () => {
  const body = Buffer.from(JSON.stringify({ specversion: '1.0', type: 'InvoiceIssued', data: { amount: 'ü €' } }), 'utf8');
  const id = 'a5f5c1a4-8b0e-4c39-9d0b-0c7a3c1f2e11';

  it('verifies with the reference standardwebhooks library', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signatureHeader([secret], id, timestamp, body) };
    expect(new Webhook(secret).verify(body.toString('utf8'), headers)).toEqual(JSON.parse(body.toString('utf8')));
  });

  it('matches the reference implementation byte for byte', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const timestamp = 1_700_000_000;
    expect(signWebhook(secret, id, timestamp, body)).toBe(new Webhook(secret).sign(id, new Date(timestamp * 1000), body.toString('utf8')));
  });

  it('carries one signature per secret, and either secret verifies', () => {
    const [current, previous, other] = [generateWebhookSecret(), generateWebhookSecret(), generateWebhookSecret()];
    const timestamp = Math.floor(Date.now() / 1000);
    const header = signatureHeader([current, previous], id, timestamp, body);
    expect(header.split(' ')).toHaveLength(2);
    const headers = { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': header };
    expect(() => new Webhook(current).verify(body.toString('utf8'), headers)).not.toThrow();
    expect(() => new Webhook(previous).verify(body.toString('utf8'), headers)).not.toThrow();
    expect(() => new Webhook(other).verify(body.toString('utf8'), headers)).toThrow();
  });

  it('a tampered body does not verify', () => {
    const secret = generateWebhookSecret();
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signatureHeader([secret], id, timestamp, body) };
    expect(() => new Webhook(secret).verify(body.toString('utf8').replace('Invoice', 'Tenant'), headers)).toThrow();
  });
});

describe(SecretSealer.name, () => {
  const sut = new SecretSealer({ SECRET_KEY: Buffer.alloc(32, 7).toString('base64') });

  it('seals a secret so that only its own endpoint opens it', () => {
    const secret = generateWebhookSecret();
    const sealed = sut.seal('11111111-1111-4111-8111-111111111111', secret);
    expect(sealed).not.toContain(secret.slice(6, 20));
    expect(sut.open('11111111-1111-4111-8111-111111111111', sealed)).toBe(secret);
    expect(() => sut.open('22222222-2222-4222-8222-222222222222', sealed)).toThrow();
    expect(() => new SecretSealer({ SECRET_KEY: Buffer.alloc(32, 8).toString('base64') }).open('11111111-1111-4111-8111-111111111111', sealed)).toThrow();
  });

  it('opens what was sealed under a previous SECRET_KEY listed in SECRET_KEY_PREVIOUS', () => {
    const old = Buffer.alloc(32, 7).toString('base64');
    const sealed = sut.seal('11111111-1111-4111-8111-111111111111', 'whsec_abc');
    const rotated = new SecretSealer({ SECRET_KEY: Buffer.alloc(32, 9).toString('base64'), SECRET_KEY_PREVIOUS: old });
    expect(rotated.open('11111111-1111-4111-8111-111111111111', sealed)).toBe('whsec_abc');
  });
});
