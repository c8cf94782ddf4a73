// InternalAuthGuard: a route runs only for a current gateway token for this service, and the caller is what the token says.
import { generateKeyPairSync } from 'node:crypto';
import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { parseSigningKey, parseVerifyKeys, signInternalToken } from '@tenantry/internal-auth';
import { HealthController } from './health.controller';
import { InternalAuthGuard, InternalCaller } from './internal-auth.guard';
import { ProblemException } from './problem-details';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const SIGNING = parseSigningKey(`k1:${privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64')}`);
const KEYS = parseVerifyKeys(`k1:${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`);

class TenantsController {
  suspend(): string {
    return 'suspended';
  }
}

interface Call {
  request: { id: string; headers: Record<string, string>; internalCaller?: InternalCaller };
  replyHeaders: Record<string, string>;
  context: ExecutionContext;
}

function call(headers: Record<string, string>, controller: { prototype: object; name: string } = TenantsController, handler = 'suspend'): Call {
  const request = { id: 'generated', headers };
  const replyHeaders: Record<string, string> = {};
  const reply = { header: (name: string, value: string) => ((replyHeaders[name.toLowerCase()] = value), reply) };
  const context = {
    getHandler: () => (controller.prototype as Record<string, unknown>)[handler],
    getClass: () => controller,
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }),
  } as unknown as ExecutionContext;
  return { request, replyHeaders, context };
}

const token = (audience: string) => signInternalToken(SIGNING, { audience, actor: 'key:k-1', role: 'support', tenantId: null, requestId: 'gw-1', correlationId: 'c-1' });

describe(InternalAuthGuard.name, () => {
  const sut = new InternalAuthGuard(new Reflector(), KEYS, 'tenant-registry');

  it('lets a valid token through and makes its caller and request id the request’s', () => {
    const { request, replyHeaders, context } = call({ authorization: `Bearer ${token('tenant-registry')}`, 'x-tenantry-actor': 'key:forged' });
    expect(sut.canActivate(context)).toBe(true);
    expect(request.internalCaller).toEqual({ actor: 'key:k-1', role: 'support', tenantId: null, requestId: 'gw-1', correlationId: 'c-1', act: null });
    expect(request.id).toBe('gw-1');
    expect(replyHeaders['x-request-id']).toBe('gw-1');
  });

  it.each([
    ['no authorization', {}],
    ['identity headers only', { 'x-tenantry-actor': 'key:forged', 'x-tenantry-role': 'platform-admin' }],
    ['another scheme', { authorization: `Basic ${token('tenant-registry')}` }],
    ['a token for another service', { authorization: `Bearer ${token('metering')}` }],
  ])('refuses %s with 401 unauthenticated and a Bearer challenge', (_case, headers: Record<string, string>) => {
    const { request, replyHeaders, context } = call(headers);
    let thrown: unknown;
    try {
      sut.canActivate(context);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ProblemException);
    expect((thrown as ProblemException).getStatus()).toBe(401);
    expect((thrown as ProblemException).code).toBe('unauthenticated');
    expect(replyHeaders['www-authenticate']).toMatch(/^Bearer realm="tenantry-internal"/);
    expect(request.internalCaller).toBeUndefined();
  });

  // /metrics is not on this port at all (the management server serves it, outside Nest).
  it('leaves health open', () => {
    for (const handler of ['live', 'ready']) expect(sut.canActivate(call({}, HealthController, handler).context)).toBe(true);
  });
});
