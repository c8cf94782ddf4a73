// Keeps docker-compose.yml, the Dockerfile and deploy/ (k8s, topics, otel) in step with the apps and topics the code declares.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { TOPICS } from '@tenantry/contracts';

const ROOT = resolve(__dirname, '..', '..');

type YamlMap = Record<string, unknown>;

interface PortMapping {
  readonly target: number;
  readonly published?: number;
}

function isMap(value: unknown): value is YamlMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asMap(value: unknown, what: string): YamlMap {
  if (!isMap(value)) throw new Error(`${what} is missing or not a mapping`);
  return value;
}

function asList(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${what} is missing or not a list`);
  return value;
}

function readText(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}

/** Parses one YAML file the way Compose does (merge keys `<<:` included). */
function readYaml(path: string): unknown {
  return parse(readText(path), { merge: true });
}

function readYamlDocuments(path: string): YamlMap[] {
  return parseAllDocuments(readText(path)).map((document, index) => {
    if (document.errors.length > 0) throw new Error(`${path} document ${index}: ${document.errors[0]?.message}`);
    return asMap(document.toJS(), `${path} document ${index}`);
  });
}

/**
 * The service directories under apps/: those with a config class (the e2e suite is not a service,
 * nor the operator console, static files the gateway serves).
 */
const APPS = readdirSync(join(ROOT, 'apps'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(ROOT, 'apps', entry.name, 'src', `${entry.name}.config.ts`)))
  .map((entry) => entry.name)
  .sort();

/** The default PORT declared in apps/<app>/src/<app>.config.ts. */
function defaultPort(app: string): number {
  const source = readText(join('apps', app, 'src', `${app}.config.ts`));
  const match = /PORT = (\d+)/.exec(source);
  if (!match) throw new Error(`apps/${app}/src/${app}.config.ts declares no default PORT`);
  return Number(match[1]);
}

/** The gateway's upstreams: service name → the config key of its URL (apps/gateway/src/upstream/upstreams.ts). */
function gatewayUpstreams(): [string, string][] {
  const source = readText(join('apps', 'gateway', 'src', 'upstream', 'upstreams.ts'));
  const found = [...source.matchAll(/'?([a-z-]+)'?: \{ urlConfigKey: '([A-Z_]+)'/g)].map((match) => [match[1] ?? '', match[2] ?? ''] as [string, string]);
  if (found.length < 6) throw new Error(`found only ${found.length} upstreams in upstreams.ts`);
  return found;
}

/** A Compose `environment`, from its map or its list (`KEY=value`) form. */
function composeEnvironment(service: YamlMap): Record<string, string> {
  const environment = service['environment'];
  if (environment === undefined || environment === null) return {};
  if (Array.isArray(environment)) {
    return Object.fromEntries(
      environment.map((entry) => {
        const text = String(entry);
        const equals = text.indexOf('=');
        return equals < 0 ? [text, ''] : [text.slice(0, equals), text.slice(equals + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(asMap(environment, 'environment')).map(([key, value]) => [key, value === null ? '' : String(value)]));
}

/** Compose `ports` in short ("[ip:]published:target[/proto]", "target") or long syntax. */
function composePorts(service: YamlMap): PortMapping[] {
  const ports = service['ports'];
  if (ports === undefined) return [];
  return asList(ports, 'ports').map((entry): PortMapping => {
    if (isMap(entry)) {
      const published = entry['published'];
      return { target: Number(entry['target']), ...(published === undefined ? {} : { published: Number(published) }) };
    }
    const parts = String(entry).replace(/\/(tcp|udp)$/, '').split(':');
    const target = Number(parts[parts.length - 1]);
    return parts.length === 1 ? { target } : { target, published: Number(parts[parts.length - 2]) };
  });
}

/** Container ports a service offers on the Compose network: `expose` plus the targets of `ports`. */
function containerPorts(service: YamlMap): number[] {
  const expose = service['expose'] === undefined ? [] : asList(service['expose'], 'expose');
  return [...expose.map((entry) => Number(String(entry).split('/')[0])), ...composePorts(service).map((port) => port.target)];
}

/** The Dockerfile a service is built from, as an absolute path (undefined for image-only services). */
function composeDockerfile(service: YamlMap): string | undefined {
  const build = service['build'];
  if (build === undefined) return undefined;
  if (typeof build === 'string') return resolve(ROOT, build, 'Dockerfile');
  const spec = asMap(build, 'build');
  return resolve(ROOT, String(spec['context'] ?? '.'), String(spec['dockerfile'] ?? 'Dockerfile'));
}

/** `depends_on` as service -> condition, from its list or map form. */
function composeDependencies(service: YamlMap): Record<string, string> {
  const dependsOn = service['depends_on'];
  if (dependsOn === undefined) return {};
  if (Array.isArray(dependsOn)) return Object.fromEntries(dependsOn.map((name) => [String(name), 'service_started']));
  return Object.fromEntries(
    Object.entries(asMap(dependsOn, 'depends_on')).map(([name, spec]) => [name, String(asMap(spec, `depends_on.${name}`)['condition'] ?? 'service_started')]),
  );
}

/** Host paths bind-mounted into a service (short "src:dst[:mode]" or long syntax). */
function bindSources(service: YamlMap): string[] {
  const volumes = service['volumes'] === undefined ? [] : asList(service['volumes'], 'volumes');
  return volumes
    .map((volume) => (isMap(volume) ? (volume['type'] === 'bind' ? String(volume['source']) : '') : String(volume).split(':')[0] ?? ''))
    .filter((source) => source.startsWith('.') || source.startsWith('/'));
}

describe('docker-compose.yml', () => {
  const compose = asMap(readYaml('docker-compose.yml'), 'docker-compose.yml');
  const services = asMap(compose['services'], 'services');
  const service = (name: string): YamlMap => asMap(services[name], `compose service "${name}"`);

  it('runs Kafka from the official apache/kafka image, reachable on 9092', () => {
    const kafka = service('kafka');
    expect(String(kafka['image'])).toMatch(/^apache\/kafka:\S+$/);
    expect(containerPorts(kafka)).toContain(9092);
  });

  it('runs PostgreSQL from a postgres image with a healthcheck', () => {
    const postgres = service('postgres');
    expect(String(postgres['image'])).toMatch(/^postgres:\S+$/);
    expect(postgres['healthcheck']).toBeDefined();
  });

  it("runs Redis for the gateway's rate limits, and the gateway waits for it and uses it", () => {
    const redis = service('redis');
    expect(String(redis['image'])).toMatch(/^redis:\S+$/);
    expect(redis['healthcheck']).toBeDefined();
    const gateway = service('gateway');
    expect(new URL(composeEnvironment(gateway)['REDIS_URL'] ?? '').hostname).toBe('redis');
    expect(composeDependencies(gateway)).toMatchObject({ redis: 'service_healthy' });
  });

  it("points the gateway at every upstream service by its Compose name and port (127.0.0.1 inside a container is the gateway itself)", () => {
    const env = composeEnvironment(service('gateway'));
    for (const [upstream, key] of gatewayUpstreams()) {
      const url = new URL(env[key] ?? `missing:${key}`);
      expect({ key, host: url.hostname, port: Number(url.port) }).toEqual({ key, host: upstream, port: defaultPort(upstream) });
    }
  });

  it('creates the topics once with the app image before the services start', () => {
    const topics = service('topics');
    expect(composeDockerfile(topics)).toBe(join(ROOT, 'Dockerfile'));
    const command = topics['command'];
    expect(Array.isArray(command) ? command.map(String).join(' ') : String(command)).toContain('dist/tools/topics/create-topics.js');
    expect(composeEnvironment(topics)['KAFKA_BROKERS']).toBe('kafka:9092');
  });

  it('finds the service apps to check', () => {
    expect(APPS).toEqual(expect.arrayContaining(['gateway', 'tenant-registry']));
  });

  describe.each(APPS)('service %s', (app) => {
    it('is built from the Dockerfile and runs with APP set to its name', () => {
      const definition = service(app);
      expect(composeDockerfile(definition)).toBe(join(ROOT, 'Dockerfile'));
      expect(composeEnvironment(definition)['APP']).toBe(app);
      const build = definition['build'];
      if (isMap(build) && isMap(build['args']) && build['args']['APP'] !== undefined) expect(build['args']['APP']).toBe(app);
    });

    it('publishes its default port from its config class', () => {
      const port = defaultPort(app);
      const definition = service(app);
      expect(composePorts(definition)).toContainEqual({ target: port, published: port });
      const env = composeEnvironment(definition);
      if (env['PORT'] !== undefined) expect(Number(env['PORT'])).toBe(port);
      expect(env['HOST']).toBe('0.0.0.0');
    });

    it('talks to the compose Kafka, Postgres and collector', () => {
      const env = composeEnvironment(service(app));
      expect(env['KAFKA_BROKERS']?.split(',')).toContain('kafka:9092');
      expect(env['DATABASE_URL']).toMatch(/^postgres(ql)?:\/\//);
      expect(new URL(env['DATABASE_URL'] ?? '').hostname).toBe('postgres');
      expect(env['OTEL_EXPORTER_OTLP_ENDPOINT']).toBe('http://otel-collector:4318');
    });

    it('gets the internal-token key it needs from the environment (no default), and only the gateway the signing key', () => {
      const env = composeEnvironment(service(app));
      const variable = app === 'gateway' ? 'INTERNAL_AUTH_SIGNING_KEY' : 'INTERNAL_AUTH_VERIFY_KEYS';
      expect(env[variable]).toMatch(new RegExp(`^\\$\\{${variable}:\\?.+\\}$`));
      if (app !== 'gateway') expect(env['INTERNAL_AUTH_SIGNING_KEY']).toBeUndefined();
    });

    it('starts only after Kafka and Postgres are healthy and the topics exist', () => {
      expect(composeDependencies(service(app))).toMatchObject({
        kafka: 'service_healthy',
        postgres: 'service_healthy',
        topics: 'service_completed_successfully',
      });
    });
  });

  it('gives provisioning its tenant database and storage root', () => {
    const env = composeEnvironment(service('provisioning'));
    expect(new URL(env['TENANT_DATABASE_URL'] ?? '').pathname).toBe('/tenantry_tenants');
    expect(env['TENANT_STORAGE_ROOT']).toMatch(/^\//);
  });

  it('gives provisioning no master key of its own: compose refuses to start until SECRET_KEY is set (in .env)', () => {
    const env = composeEnvironment(service('provisioning'));
    expect(env['SECRET_KEY']).toMatch(/^\$\{SECRET_KEY:\?.+\}$/);
  });

  it('gives provisioning in Kubernetes its master key from the Secret, older keys optional', () => {
    const deployment = readYamlDocuments(join('deploy', 'k8s', 'provisioning.yaml')).find((document) => document['kind'] === 'Deployment');
    const podSpec = asMap(asMap(asMap(deployment?.['spec'], 'spec')['template'], 'template')['spec'], 'pod spec');
    const env = asList(asMap(asList(podSpec['containers'], 'containers')[0], 'container')['env'], 'env').map((entry) => asMap(entry, 'env entry'));
    expect(env.find((entry) => entry['name'] === 'SECRET_KEY')?.['valueFrom']).toEqual({ secretKeyRef: { name: 'tenantry-secrets', key: 'SECRET_KEY' } });
    expect(env.find((entry) => entry['name'] === 'SECRET_KEY_PREVIOUS')?.['valueFrom']).toEqual({ secretKeyRef: { name: 'tenantry-secrets', key: 'SECRET_KEY_PREVIOUS', optional: true } });
  });

  it('runs an OpenTelemetry collector whose config file exists and forwards traces to Jaeger', () => {
    const collector = service('otel-collector');
    expect(String(collector['image'])).toMatch(/^otel\/opentelemetry-collector/);
    const sources = bindSources(collector);
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) expect(existsSync(resolve(ROOT, source))).toBe(true);
    expect(sources.map((source) => resolve(ROOT, source))).toContain(join(ROOT, 'deploy', 'otel', 'collector.yaml'));

    const config = asMap(readYaml('deploy/otel/collector.yaml'), 'deploy/otel/collector.yaml');
    const otlp = asMap(asMap(config['receivers'], 'receivers')['otlp'], 'receivers.otlp');
    expect(Object.keys(asMap(otlp['protocols'], 'otlp.protocols')).sort()).toEqual(['grpc', 'http']);
    const exporters = asMap(config['exporters'], 'exporters');
    const pipelines = asMap(asMap(config['service'], 'service')['pipelines'], 'service.pipelines');
    const traces = asMap(pipelines['traces'], 'pipelines.traces');
    expect(asList(traces['receivers'], 'traces.receivers')).toContain('otlp');
    const endpoints = asList(traces['exporters'], 'traces.exporters').map((name) => (isMap(exporters[String(name)]) ? asMap(exporters[String(name)], String(name))['endpoint'] : undefined));
    expect(endpoints).toContain('jaeger:4317');
  });

  it('runs Jaeger with its UI on 16686', () => {
    const jaeger = service('jaeger');
    expect(String(jaeger['image'])).toMatch(/^jaegertracing\//);
    expect(composePorts(jaeger).map((port) => port.target)).toContain(16686);
  });
});

describe('Dockerfile', () => {
  const dockerfile = readText('Dockerfile');

  it('builds on node:20-bookworm-slim and runs the chosen APP as a non-root user', () => {
    expect(dockerfile).toMatch(/node:20-bookworm-slim/);
    expect(dockerfile).toMatch(/^RUN npm ci\b/m);
    expect(dockerfile).toMatch(/npm run build/);
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
    expect(dockerfile).toMatch(/^USER (?!root\b|0\b)\S+/m);
    expect(dockerfile).toMatch(/^CMD .*node dist\/apps\/\$\{?APP\}?\/src\/main\.js/m);
  });

  it('checks /health/live on the default port of every app', () => {
    const healthcheck = /^HEALTHCHECK[\s\S]*?^\s*CMD (.*)$/m.exec(dockerfile)?.[1] ?? '';
    expect(healthcheck).toContain('/health/live');
    for (const app of APPS) expect(healthcheck).toMatch(new RegExp(`'?${app}'?:${defaultPort(app)}\\b`));
  });
});

describe('deploy/', () => {
  it('lists in topics/topics.yaml exactly the topics of TOPICS, with their partitions and retention', () => {
    const file = asMap(readYaml('deploy/topics/topics.yaml'), 'deploy/topics/topics.yaml');
    const listed = asList(file['topics'], 'topics').map((entry) => {
      const topic = asMap(entry, 'topic');
      return {
        name: String(topic['name']),
        partitions: Number(topic['partitions']),
        retentionMs: Number(asMap(topic['config'], `${String(topic['name'])}.config`)['retention.ms']),
      };
    });
    const declared = Object.values(TOPICS).map((topic) => ({ name: topic.name, partitions: topic.partitions, retentionMs: topic.retentionMs }));
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect(listed.sort(byName)).toEqual(declared.sort(byName));
  });

  describe.each(APPS)('k8s manifest of %s', (app) => {
    const path = join('deploy', 'k8s', `${app}.yaml`);

    it('exists and is listed in kustomization.yaml', () => {
      expect(existsSync(join(ROOT, path))).toBe(true);
      const kustomization = asMap(readYaml('deploy/k8s/kustomization.yaml'), 'kustomization.yaml');
      expect(asList(kustomization['resources'], 'resources')).toEqual(expect.arrayContaining([`${app}.yaml`, 'config.yaml']));
    });

    it('has a Deployment that runs the app on its port with probes, metrics and shared config', () => {
      const documents = readYamlDocuments(path);
      const deployment = documents.find((document) => document['kind'] === 'Deployment');
      expect(asMap(deployment?.['metadata'], 'Deployment metadata')['name']).toBe(app);
      const template = asMap(asMap(deployment?.['spec'], 'Deployment spec')['template'], 'pod template');
      const annotations = asMap(asMap(template['metadata'], 'pod metadata')['annotations'], 'pod annotations');
      // Metrics are on the management port (PORT + 1000), never the public one.
      expect(annotations).toMatchObject({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(defaultPort(app) + 1000), 'prometheus.io/path': '/metrics' });

      const podSpec = asMap(template['spec'], 'pod spec');
      expect(typeof podSpec['terminationGracePeriodSeconds']).toBe('number');
      const container = asMap(asList(podSpec['containers'], 'containers')[0], 'container');
      const containerPorts = asList(container['ports'], 'ports').map((port) => asMap(port, 'port'));
      expect(containerPorts.map((port) => port['containerPort'])).toContain(defaultPort(app));
      expect(containerPorts).toContainEqual(expect.objectContaining({ name: 'management', containerPort: defaultPort(app) + 1000 }));
      expect(asMap(asMap(container['readinessProbe'], 'readinessProbe')['httpGet'], 'readiness httpGet')).toMatchObject({ path: '/health/ready', port: 'management' });
      expect(asMap(asMap(container['livenessProbe'], 'livenessProbe')['httpGet'], 'liveness httpGet')).toMatchObject({ path: '/health/live', port: 'management' });
      const resources = asMap(container['resources'], 'resources');
      expect(resources['requests']).toBeDefined();
      expect(resources['limits']).toBeDefined();

      const env = asList(container['env'], 'env').map((entry) => asMap(entry, 'env entry'));
      expect(env.find((entry) => entry['name'] === 'APP')?.['value']).toBe(app);
      const databaseUrl = env.find((entry) => entry['name'] === 'DATABASE_URL');
      expect(databaseUrl?.['valueFrom']).toEqual({ secretKeyRef: { name: 'tenantry-secrets', key: 'DATABASE_URL' } });
      expect(asList(container['envFrom'], 'envFrom')).toContainEqual({ configMapRef: { name: 'tenantry-config' } });
      const internalKey = app === 'gateway' ? 'INTERNAL_AUTH_SIGNING_KEY' : 'INTERNAL_AUTH_VERIFY_KEYS';
      expect(env.find((entry) => entry['name'] === internalKey)?.['valueFrom']).toEqual({ secretKeyRef: { name: 'tenantry-secrets', key: internalKey } });
      if (app !== 'gateway') expect(env.find((entry) => entry['name'] === 'INTERNAL_AUTH_SIGNING_KEY')).toBeUndefined();
    });

    it('has a Service on the app port', () => {
      const service = readYamlDocuments(path).find((document) => document['kind'] === 'Service');
      expect(asMap(service?.['metadata'], 'Service metadata')['name']).toBe(app);
      const ports = asList(asMap(service?.['spec'], 'Service spec')['ports'], 'Service ports');
      expect(ports.map((port) => asMap(port, 'Service port')['port'])).toContain(defaultPort(app));
      expect(ports.map((port) => asMap(port, 'Service port')['port'])).not.toContain(defaultPort(app) + 1000);
    });
  });

  it("ships a Redis for the gateway's rate limits, and the gateway's REDIS_URL names its Service", () => {
    const kustomization = asMap(readYaml('deploy/k8s/kustomization.yaml'), 'kustomization.yaml');
    expect(asList(kustomization['resources'], 'resources')).toContain('redis.yaml');
    const documents = readYamlDocuments('deploy/k8s/redis.yaml');
    const service = documents.find((document) => document['kind'] === 'Service');
    expect(asMap(service?.['metadata'], 'Service metadata')['name']).toBe('redis');
    const deployment = readYamlDocuments('deploy/k8s/gateway.yaml').find((document) => document['kind'] === 'Deployment');
    const template = asMap(asMap(deployment?.['spec'], 'Deployment spec')['template'], 'pod template');
    const container = asMap(asList(asMap(template['spec'], 'pod spec')['containers'], 'containers')[0], 'container');
    const env = asList(container['env'], 'env').map((entry) => asMap(entry, 'env entry'));
    expect(new URL(String(env.find((entry) => entry['name'] === 'REDIS_URL')?.['value'])).hostname).toBe('redis');
  });

  it("points the gateway at every upstream service by its Service name and port", () => {
    const deployment = readYamlDocuments('deploy/k8s/gateway.yaml').find((document) => document['kind'] === 'Deployment');
    const template = asMap(asMap(deployment?.['spec'], 'Deployment spec')['template'], 'pod template');
    const container = asMap(asList(asMap(template['spec'], 'pod spec')['containers'], 'containers')[0], 'container');
    const env = asList(container['env'], 'env').map((entry) => asMap(entry, 'env entry'));
    for (const [upstream, key] of gatewayUpstreams()) {
      const url = new URL(String(env.find((entry) => entry['name'] === key)?.['value'] ?? `missing:${key}`));
      expect({ key, host: url.hostname, port: Number(url.port) }).toEqual({ key, host: upstream, port: defaultPort(upstream) });
    }
  });

  it('denies ingress by default and lets only the gateway reach the internal services (notifications billing too, for invoice PDFs; the metrics scraper their management port only)', () => {
    expect(asList(asMap(readYaml('deploy/k8s/kustomization.yaml'), 'kustomization.yaml')['resources'], 'resources')).toContain('network-policies.yaml');
    const policies = readYamlDocuments('deploy/k8s/network-policies.yaml');
    expect(policies.every((policy) => policy['kind'] === 'NetworkPolicy')).toBe(true);
    const specs = policies.map((policy) => asMap(policy['spec'], 'NetworkPolicy spec'));
    expect(specs).toContainEqual({ podSelector: {}, policyTypes: ['Ingress'] });

    const internal = APPS.filter((app) => app !== 'gateway' && app !== 'e2e');
    const selecting = (app: string) =>
      specs.filter((spec) => {
        const selector = asMap(spec['podSelector'], 'podSelector');
        const labels = isMap(selector['matchLabels']) ? selector['matchLabels'] : {};
        const expressions = Array.isArray(selector['matchExpressions']) ? selector['matchExpressions'].map((entry) => asMap(entry, 'matchExpression')) : [];
        const byName = expressions.find((expression) => expression['key'] === 'app.kubernetes.io/name');
        return labels['app.kubernetes.io/name'] === app || (byName !== undefined && asList(byName['values'], 'values').includes(app)) || (Object.keys(labels).length === 1 && labels['app.kubernetes.io/part-of'] === 'tenantry' && expressions.length === 0);
      });
    for (const app of internal) {
      const sources = selecting(app).flatMap((spec) => asList(spec['ingress'] ?? [], 'ingress').flatMap((rule) => asList(asMap(rule, 'ingress rule')['from'] ?? [{}], 'from')));
      // No rule without `from` (that would be everyone); pods only from the gateway; namespaces only the scraper's.
      for (const source of sources.map((entry) => asMap(entry, 'from entry'))) {
        // Billing alone is reached by notifications too (the invoice PDF of invoice-issued mails, on its PDF routes only).
        const callers = app === 'billing' ? ['gateway', 'notifications'] : ['gateway'];
        if (source['podSelector'] !== undefined) expect(callers).toContain(asMap(asMap(source['podSelector'], 'from podSelector')['matchLabels'], 'matchLabels')['app.kubernetes.io/name']);
        else expect(asMap(asMap(source['namespaceSelector'], 'from namespaceSelector')['matchLabels'], 'namespace labels')).toEqual({ 'tenantry.dev/metrics-scraper': 'true' });
      }
      expect(sources.some((source) => isMap(source) && source['podSelector'] !== undefined)).toBe(true);
    }
    // The scraper reaches /metrics on the management port, never the API port.
    const scrapeRules = specs.flatMap((spec) => asList(spec['ingress'] ?? [], 'ingress').map((rule) => asMap(rule, 'ingress rule'))).filter((rule) => asList(rule['from'] ?? [], 'from').some((entry) => isMap(entry) && entry['namespaceSelector'] !== undefined));
    expect(scrapeRules.length).toBeGreaterThan(0);
    for (const rule of scrapeRules) expect(asList(rule['ports'], 'ports').map((port) => asMap(port, 'port')['port'])).toEqual(['management']);
  });

  it('ships the tenantry-config ConfigMap', () => {
    const [configMap] = readYamlDocuments('deploy/k8s/config.yaml');
    expect(configMap?.['kind']).toBe('ConfigMap');
    expect(asMap(configMap?.['metadata'], 'ConfigMap metadata')['name']).toBe('tenantry-config');
    expect(asMap(configMap?.['data'], 'ConfigMap data')).toHaveProperty('KAFKA_BROKERS');
  });
});
