/**
 * The management port: `/metrics` (Prometheus) and `/health/ready` with its details, plus
 * `/health/live`, on a port of their own (MANAGEMENT_PORT, default PORT + 1000, bound to
 * MANAGEMENT_HOST, loopback by default) so that nothing on the public port tells a caller about
 * the service's internals. Kubernetes scrapes and probes this port (deploy/k8s); it is never
 * exposed through an Ingress. A plain Node server: no auth, no body, GET and HEAD only.
 */
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { INestApplication } from '@nestjs/common';
import { ServiceConfig } from '@tenantry/config';
import { HealthController } from './health.controller';
import { COMMON_PROBLEMS, PROBLEM_CONTENT_TYPE, ProblemFactory } from './problem-details';

export interface ManagementServer {
  url: string;
  close(): Promise<void>;
}

/** MANAGEMENT_PORT, else PORT + 1000, else (PORT 0, or no room above it) any free port. */
export function managementPort(config: Pick<ServiceConfig, 'PORT' | 'MANAGEMENT_PORT'>): number {
  if (config.MANAGEMENT_PORT !== undefined) return config.MANAGEMENT_PORT;
  return config.PORT > 0 && config.PORT + 1000 <= 65535 ? config.PORT + 1000 : 0;
}

export async function startManagementServer(app: INestApplication, config: ServiceConfig): Promise<ManagementServer> {
  const health = app.get(HealthController, { strict: false });
  const server: Server = createServer((request, response) => void answer(health, request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(managementPort(config), config.MANAGEMENT_HOST, () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function answer(health: HealthController, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  try {
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendProblem(response, COMMON_PROBLEMS['method-not-allowed'], path, { allow: 'GET, HEAD' });
    switch (path) {
      case '/metrics':
        return send(response, 200, 'text/plain; version=0.0.4; charset=utf-8', await health.metricsText());
      case '/health/live':
        return send(response, 200, 'application/json', JSON.stringify(health.live()));
      case '/health/ready': {
        const { ready, body } = await health.readiness();
        return send(response, ready ? 200 : 503, 'application/json', JSON.stringify(body));
      }
      default:
        return sendProblem(response, COMMON_PROBLEMS['not-found'], path);
    }
  } catch {
    sendProblem(response, COMMON_PROBLEMS.internal, path);
  }
}

function sendProblem(response: ServerResponse, problem: ProblemFactory, instance: string, headers: Record<string, string> = {}): void {
  send(response, problem.status, PROBLEM_CONTENT_TYPE, JSON.stringify({ type: problem.type, title: problem.title, status: problem.status, instance }), headers);
}

function send(response: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers });
  response.end(response.req.method === 'HEAD' ? undefined : body);
}
