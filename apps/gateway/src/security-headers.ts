/**
 * Headers every answer of the public door carries (issue 9, finding 10): no MIME sniffing, never
 * framed (the API, and the /docs UI, which could otherwise be clickjacked), no caching of control-plane
 * answers (a created key's secret, tenants' data) by browsers or proxies, and HSTS when the request
 * reached us over TLS.
 */
import { NestFastifyApplication } from '@nestjs/platform-fastify';

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy': "frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
};

const API_PREFIX = '/api/v1/platform';
const HSTS = 'max-age=31536000; includeSubDomains';

export function useSecurityHeaders(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.headers(SECURITY_HEADERS);
    if (request.url.startsWith(API_PREFIX)) void reply.header('cache-control', 'no-store');
    if (request.protocol === 'https') void reply.header('strict-transport-security', HSTS);
    done();
  });
}
