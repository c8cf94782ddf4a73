// The OpenAPI document the gateway serves is 3.1, covers every public operation and passes the real Redocly linter.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '@tenantry/testing';
import { KEYLESS_OPERATIONS, OPERATIONS } from '../src/auth/operations';
import { GatewayClient, startGateway } from './support/gateway-client';

jest.setTimeout(120_000);

const run = promisify(execFile);

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; message: string; severity: string }[];
}

describe('gateway OpenAPI document', () => {
  let gateway: GatewayClient;
  let document: Record<string, unknown>;

  beforeAll(async () => {
    gateway = await startGateway();
    const response = await fetch(`${gateway.url}/docs/openapi.json`);
    expect(response.status).toBe(200);
    document = (await response.json()) as Record<string, unknown>;
  });

  afterAll(async () => {
    await gateway?.stop();
  });

  it('is OpenAPI 3.1 with every public operation and the bearer scheme', () => {
    expect(document['openapi']).toBe('3.1.0');
    const paths = document['paths'] as Record<string, Record<string, { operationId?: string }>>;
    // The routes the access matrix names are the routes the controllers really serve.
    const served = Object.fromEntries(
      Object.entries(paths).flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, operation]) => [operation.operationId, `${method.toUpperCase()} ${path.replace('/api/v1/platform', '')}`]),
      ),
    );
    expect(served).toEqual(Object.fromEntries(Object.entries({ ...OPERATIONS, ...KEYLESS_OPERATIONS }).map(([operation, { route }]) => [operation, route])));
    // Every operation needs the API key but the keyless ones, which say so (`security: []`).
    const keyless = Object.values(paths).flatMap((methods) => Object.values(methods as Record<string, { operationId?: string; security?: unknown[] }>)).filter((op) => Array.isArray(op.security) && op.security.length === 0);
    expect(keyless.map((op) => op.operationId).sort()).toEqual(Object.keys(KEYLESS_OPERATIONS).sort());
    expect(document).toMatchObject({ components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', bearerFormat: 'opaque API key' } } } });
  });

  it('passes redocly lint (recommended rules) with no errors and no warnings', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gateway-openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      await writeFile(file, JSON.stringify(document));
      const cli = join(REPO_ROOT, 'node_modules', '.bin', 'redocly');
      const { stdout } = await run(cli, ['lint', file, '--config', join(REPO_ROOT, 'apps', 'gateway', 'redocly.yaml'), '--format=json'], { cwd: REPO_ROOT }).catch(
        (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
      );
      const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as LintReport;
      expect(report.problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message}`)).toEqual([]);
      expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('serves the interactive docs at /docs', async () => {
    const response = await fetch(`${gateway.url}/docs`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
  });
});
