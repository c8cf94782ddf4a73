// Every service boots against the real Kafka and Postgres, reports ready, exposes metrics on its management port
// (not the public one) and stops cleanly on SIGTERM.
import { Client } from 'pg';
import { databaseUrl, devSecretsEnv, freshGroups, RunningService, SERVICE_NAMES, spawnProcess, startService, waitUntilReady } from '@tenantry/testing';

jest.setTimeout(180_000);

describe('Tenantry services', () => {
  const services: RunningService[] = [];

  beforeAll(async () => {
    // Consumer groups of their own: the default groups may still hold members of services that earlier suites killed,
    // and a join waits for those to expire (a stop during that join outlasted the 25 s deadline on CI).
    for (const name of SERVICE_NAMES) services.push(await startService(name, freshGroups(`boot-${name}`)));
  });

  afterAll(async () => {
    await Promise.all(services.map((service) => service.process.kill('SIGKILL')));
  });

  it.each(SERVICE_NAMES)('%s reports ready with its database and Kafka up, the details on its management port only', async (name) => {
    const service = services.find((s) => s.name === name) as RunningService;
    expect(await waitUntilReady(service)).toEqual({ status: 'ready' });
    const details = await fetch(`${service.managementUrl}/health/ready`);
    expect(details.status).toBe(200);
    expect(await details.json()).toMatchObject({ status: 'ready', service: name, checks: { database: { status: 'up' }, kafka: { status: 'up' } } });
    const live = await fetch(`${service.url}/health/live`);
    expect(live.status).toBe(200);
  });

  it.each(SERVICE_NAMES)('%s exposes Prometheus metrics including its outbox backlog on its management port, not its public one', async (name) => {
    const service = services.find((s) => s.name === name) as RunningService;
    expect(new URL(service.managementUrl).hostname).toBe('127.0.0.1');
    expect(new URL(service.managementUrl).port).not.toBe(new URL(service.url).port);
    const hidden = await fetch(`${service.url}/metrics`);
    expect(hidden.status).toBe(404);
    expect(hidden.headers.get('content-type')).toContain('application/problem+json');
    const response = await fetch(`${service.managementUrl}/metrics`);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toContain(`tenantry_outbox_backlog{schema="${name.replace(/-/g, '_')}",service="${name}"}`);
    expect(text).toContain('process_resident_memory_bytes');
  });

  it('each service migrated its own schema', async () => {
    const client = new Client({ connectionString: databaseUrl() });
    await client.connect();
    try {
      const { rows } = await client.query<{ table_schema: string }>(
        `SELECT DISTINCT table_schema FROM information_schema.tables WHERE table_name = 'outbox' AND table_schema = ANY($1)`,
        [SERVICE_NAMES.map((name) => name.replace(/-/g, '_'))],
      );
      expect(rows.map((row) => row.table_schema).sort()).toEqual(SERVICE_NAMES.map((name) => name.replace(/-/g, '_')).sort());
    } finally {
      await client.end();
    }
  });

  it('answers unknown routes with problem+json', async () => {
    const response = await fetch(`${services[0]?.url}/no-such-route`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({ type: 'https://tenantry.dev/problems/not-found', status: 404, instance: '/no-such-route' });
  });

  it('stops cleanly on SIGTERM', async () => {
    const service = services.pop() as RunningService;
    const started = Date.now();
    const { code } = await service.process.kill('SIGTERM');
    // Exit code 0: it stopped by itself, before the chassis' 25 s deadline (which exits with 1), within
    // Kubernetes' 30 s grace. Leaving its consumer groups can take most of that on a busy machine (19.7 s seen).
    if (code !== 0) console.log(`${service.name} output:\n${service.process.output().slice(-6_000)}`);
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(25_000);
    expect(service.process.output()).toMatch(/"msg":"[a-z-]+ stopped"/);
  });
});

describe('service configuration', () => {
  it.each([
    ['KAFKA_BROKERS', 'not a broker list'],
    ['DATABASE_URL', 'mysql://nope'],
    ['PORT', 'eighty'],
    ['LOG_LEVEL', 'loud'],
    ['MANAGEMENT_PORT', '70000'],
  ])('a bad %s stops the service with one line naming it', async (variable, value) => {
    const run = spawnProcess('apps/metering/src/main.js', { ...devSecretsEnv(), [variable]: value });
    const { code } = await run.exited;
    expect(code).toBe(78);
    const lines = run.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Invalid environment variable ${variable}: `));
  });

  const secrets = devSecretsEnv();
  const internalServices = SERVICE_NAMES.filter((name) => name !== 'gateway');
  it.each([
    ...internalServices.map((name) => [name, 'INTERNAL_AUTH_VERIFY_KEYS', 'unset', '', /must be set/] as const),
    ['tenant-registry', 'INTERNAL_AUTH_VERIFY_KEYS', 'holding the private key', secrets['INTERNAL_AUTH_SIGNING_KEY'] ?? '', /not an SPKI DER public key/] as const,
    ['gateway', 'INTERNAL_AUTH_SIGNING_KEY', 'unset', '', /must be set/] as const,
    ['gateway', 'INTERNAL_AUTH_SIGNING_KEY', 'not a key', 'k1:bm90IGEga2V5', /not a PKCS#8 DER private key/] as const,
  ])('%s does not start with %s %s: one line naming it, status 78', async (name, variable, _label, value, problem) => {
    const run = spawnProcess(`apps/${name}/src/main.js`, { ...secrets, [variable]: value });
    const { code } = await run.exited;
    expect(code).toBe(78);
    const lines = run.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Invalid environment variable ${variable}: `));
    expect(lines[0]).toMatch(problem);
  });
});
