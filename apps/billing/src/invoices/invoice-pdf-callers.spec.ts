// Billing's guard with notifications' own key: notifications' service token opens the two invoice PDF
// routes (the attachment of invoice-issued mails) and no other billing route; the gateway's tokens
// still open every route; a service token must name the service with role `service` only.
import { generateKeyPairSync } from 'node:crypto';
import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { parseServiceKeys, parseSigningKey, parseVerifyKeys, SERVICE_TOKEN_ROLE, serviceTokenIssuer, serviceTokenSubject, signInternalToken, SigningKey } from '@tenantry/internal-auth';
import { InternalAuthGuard, InternalCaller } from '@tenantry/service';
import { InvoicePdfController } from './invoice-pdf.controller';
import { InvoicesController } from './invoices.controller';

function pair(kid: string): { signing: SigningKey; spki: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { signing: parseSigningKey(`${kid}:${privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64')}`), spki: `${kid}:${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}` };
}

const gateway = pair('gw-1');
const notifications = pair('notify-1');
const stranger = pair('notify-1'); // same key id, another key

const guard = new InternalAuthGuard(new Reflector(), parseVerifyKeys(gateway.spki), 'billing', parseServiceKeys(`notifications:${notifications.spki}`));

const serviceToken = (signing: SigningKey, overrides: { service?: string; actor?: string; role?: string; tenantId?: string; audience?: string } = {}) =>
  signInternalToken(signing, {
    issuer: serviceTokenIssuer(overrides.service ?? 'notifications'),
    audience: overrides.audience ?? 'billing',
    actor: overrides.actor ?? serviceTokenSubject('notifications'),
    role: overrides.role ?? SERVICE_TOKEN_ROLE,
    tenantId: overrides.tenantId ?? null,
    requestId: 'notify-req-1',
  });
const gatewayToken = () => signInternalToken(gateway.signing, { audience: 'billing', actor: 'key:k-1', role: 'platform-admin', requestId: 'gw-1' });

function attempt(token: string, controller: { prototype: object }, handler: string): { status: number; caller?: InternalCaller } {
  const request: { id: string; headers: Record<string, string>; internalCaller?: InternalCaller } = { id: 'x', headers: { authorization: `Bearer ${token}` } };
  const reply = { header: () => reply };
  const context = {
    getHandler: () => (controller.prototype as Record<string, unknown>)[handler],
    getClass: () => controller,
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }),
  } as unknown as ExecutionContext;
  try {
    guard.canActivate(context);
    return { status: 200, ...(request.internalCaller ? { caller: request.internalCaller } : {}) };
  } catch (error) {
    return { status: (error as { getStatus(): number }).getStatus() };
  }
}

describe('billing: notifications’ service token', () => {
  it('opens both invoice PDF routes, as service:notifications with role service', () => {
    for (const handler of ['ofTenant', 'byId']) {
      expect(attempt(serviceToken(notifications.signing), InvoicePdfController, handler)).toEqual({
        status: 200,
        caller: { actor: 'service:notifications', role: 'service', tenantId: null, requestId: 'notify-req-1', correlationId: null, act: null },
      });
    }
  });

  it('opens no other billing route', () => {
    for (const handler of ['list', 'get']) expect(attempt(serviceToken(notifications.signing), InvoicesController, handler).status).toBe(401);
  });

  it('is refused on the PDF routes when it is not exactly notifications’ service token', () => {
    const cases = [
      serviceToken(stranger.signing), // another key under notifications' key id
      serviceToken(notifications.signing, { role: 'platform-admin' }), // a user role
      serviceToken(notifications.signing, { actor: 'key:k-1' }),
      serviceToken(notifications.signing, { tenantId: '3f1f0c4e-1a57-4d55-9b0e-6d2f8f1b2a10' }),
      serviceToken(notifications.signing, { audience: 'metering' }),
      serviceToken(notifications.signing, { service: 'metering', actor: serviceTokenSubject('metering') }), // a service not allowed there
      // notifications' key cannot pass for the gateway
      signInternalToken(notifications.signing, { audience: 'billing', actor: 'key:k-1', role: 'platform-admin', requestId: 'r' }),
    ];
    for (const token of cases) expect(attempt(token, InvoicePdfController, 'ofTenant').status).toBe(401);
  });

  it('leaves the gateway’s tokens working on every route', () => {
    expect(attempt(gatewayToken(), InvoicePdfController, 'ofTenant')).toMatchObject({ status: 200, caller: { actor: 'key:k-1', role: 'platform-admin' } });
    expect(attempt(gatewayToken(), InvoicesController, 'list').status).toBe(200);
  });
});
