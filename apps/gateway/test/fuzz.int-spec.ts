// Grammar fuzz of the public API: every operation of the OpenAPI document the gateway serves, with
// paths, queries and bodies made from its schemas and hostile values spliced in, against the real
// gateway, tenant registry, metering, billing and notifications (Kafka and Postgres real). No answer may be a 5xx, and every
// 4xx is problem+json of its own status. Seeded: a failure names the seed and the case.
//
//   FUZZ_CASES=20000 FUZZ_SEED=7 npx jest --selectProjects int --runInBand apps/gateway/test/fuzz.int-spec.ts
//
// (defaults: 2,000 cases, seed 20261130, 16 in flight). Provisioning is not started: the routes it
// serves answer 503 `upstream-unavailable`, which is the only 5xx allowed.
import { CallResult, GatewayClient, problemType } from './support/gateway-client';
import { bodyText, Operation, operationsOf, pick, queryString, rngOf, Schema, SchemaFuzzer } from './support/fuzz-inputs';
import { RealStack, startRealStack } from './support/hostile-stack';

const CASES = Number(process.env['FUZZ_CASES'] ?? 2_000);
const SEED = Number(process.env['FUZZ_SEED'] ?? 20_261_130);
const IN_FLIGHT = Number(process.env['FUZZ_IN_FLIGHT'] ?? 16);

jest.setTimeout(120_000 + CASES * 100);

interface Failure {
  reproduce: string;
  request: string;
  body?: string;
  status: number;
  answer: string;
}

function preview(text: string | undefined, length = 300): string | undefined {
  return text === undefined ? undefined : text.length > length ? `${text.slice(0, length)}… (${text.length} chars)` : text;
}

/** What is wrong with an answer, if anything. */
function verdict(result: CallResult): string | undefined {
  const problem = result.body;
  if (result.status >= 500) {
    const provisioningDown = result.status === 503 && problem['type'] === problemType('upstream-unavailable') && problem['upstream'] === 'provisioning';
    return provisioningDown ? undefined : 'a 5xx';
  }
  if (result.status < 400) return undefined;
  if (!(result.headers.get('content-type') ?? '').startsWith('application/problem+json')) return 'a 4xx that is not problem+json';
  if (typeof problem['type'] !== 'string' || typeof problem['title'] !== 'string' || problem['status'] !== result.status) return 'a problem without type, title or its status';
  return undefined;
}

describe('fuzzing every public operation', () => {
  let stack: RealStack;
  let gateway: GatewayClient;
  let operations: Operation[];
  let fuzzer: SchemaFuzzer;

  beforeAll(async () => {
    stack = await startRealStack();
    gateway = stack.gateway;
    const document = (await (await fetch(`${gateway.url}/docs/openapi.json`)).json()) as Parameters<typeof operationsOf>[0] & { components: { schemas: Record<string, Schema> } };
    operations = operationsOf(document);
    const ids: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const label = `fz-${SEED}-${i}-${Date.now().toString(36)}`;
      const created = await gateway.call('POST', '/tenants', { body: { name: `Fuzz ${label}`, domain: label, plan: 'starter', adminEmail: `ops@${label}.example` } });
      expect(created.status).toBe(201);
      ids.push(created.body['id'] as string);
    }
    fuzzer = new SchemaFuzzer(document.components.schemas, ids);
  });

  afterAll(() => stack?.stop());

  const elapsed = new Map<string, number>();

  async function run(index: number): Promise<{ status: number; failure?: Failure }> {
    const rng = rngOf(SEED, index);
    const operation = operations[index % operations.length] as Operation;
    let path = operation.path.replace(/^\/api\/v1\/platform/, '');
    const query: [string, unknown][] = [];
    const headers: Record<string, string> = {};
    for (const parameter of operation.parameters) {
      if (parameter.in === 'path') {
        const value = fuzzer.value(rng, { type: 'string', format: 'uuid' });
        path = path.replace(`{${parameter.name}}`, encodeURIComponent(typeof value === 'string' && !/\p{Cs}/u.test(value) ? value : 'x').slice(0, 2_000) || 'x');
      } else if (parameter.in === 'query' && (parameter.required || rng() < 0.5)) {
        query.push([parameter.name, fuzzer.value(rng, parameter.schema)]);
      } else if (parameter.in === 'header' && rng() < 0.3) {
        // Header values are bytes: printable ASCII only (fetch refuses the rest before sending).
        headers[parameter.name] = pick(rng, ['W/"1"', '*', 'W/"999999999999999999999"', 'x'.repeat(300), `k-${index}`, '"', 'a b']);
      }
    }
    if (rng() < 0.05) query.push([pick(rng, ['unknown', '__proto__', 'q\u0000']), 'x']);
    const url = path + queryString(rng, query);
    let body: string | undefined;
    if (operation.body && rng() < 0.95) body = bodyText(fuzzer.value(rng, operation.body));
    else if (operation.method !== 'GET' && rng() < 0.1) body = bodyText(fuzzer.value(rng, undefined));
    const sent = Date.now();
    const result = await gateway.call(operation.method, url, { rawBody: body, headers, signal: AbortSignal.timeout(20_000) }).catch((error: unknown) => ({
      status: 0,
      headers: new Headers(),
      body: {},
      text: `no answer: ${String(error)}`,
    }));
    elapsed.set(operation.operationId, (elapsed.get(operation.operationId) ?? 0) + Date.now() - sent);
    const wrong = result.status === 0 ? 'no answer within 20 s' : verdict(result);
    if (!wrong) return { status: result.status };
    const failure = {
      reproduce: `${wrong}: FUZZ_SEED=${SEED} case ${index} (${operation.operationId})`,
      request: `${operation.method} ${preview(url)}`,
      body: preview(body),
      status: result.status,
      answer: preview(result.text) ?? '',
    };
    return { status: result.status, failure };
  }

  it(`answers ${CASES} generated requests without a 5xx, every 4xx as problem+json (seed ${SEED})`, async () => {
    const failures: Failure[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < CASES) {
          const index = next;
          next += 1;
          const { status, failure } = await run(index);
          if (failure) failures.push(failure);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        }
      }),
    );
    const byStatus = Object.fromEntries([...statuses.entries()].sort(([a], [b]) => a - b));
    const slowest = [...elapsed.entries()].sort(([, a], [, b]) => b - a).slice(0, 5).map(([id, ms]) => `${id} ${Math.round(ms / (CASES / operations.length))} ms`);
    process.stdout.write(
      `fuzz: ${CASES} cases over ${operations.length} operations in ${Date.now() - started} ms, seed ${SEED}, ${failures.length} failing; answers ${JSON.stringify(byStatus)}; slowest (mean): ${slowest.join(', ')}\n`,
    );
    expect(failures.slice(0, 15)).toEqual([]);
    // Not only refusals: enough well-formed requests get through to exercise the handlers and the database.
    const succeeded = [...statuses.entries()].filter(([status]) => status >= 200 && status < 300).reduce((sum, [, count]) => sum + count, 0);
    expect(succeeded).toBeGreaterThan(CASES * 0.05);
  });
});
