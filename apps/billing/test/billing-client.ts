// The one client for billing's internal API in integration tests (every HTTP call to billing goes
// through `request`, which adds the gateway-signed token internal routes require), and the billing
// app it calls: in-process, with a ManualClock and a schema of its own, on a real port, against the
// real broker and database.
import { DataSource } from 'typeorm';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { BillingRunViewDto, BillingSummaryDto, CreditNoteListDto, CreditNoteViewDto, DunningViewDto, InvoiceListDto, InvoiceViewDto, PaymentMethodListDto, PaymentMethodViewDto, PaymentViewDto, PlanListDto, PlanViewDto, RevenueReportDto, SubscriptionViewDto } from '@tenantry/billing-api';
import { loadConfig } from '@tenantry/config';
import { TOPICS } from '@tenantry/contracts';
import { createDataSource, quoteIdent } from '@tenantry/persistence';
import { createServiceApp } from '@tenantry/service';
import { ManualClock } from '@tenantry/service/testing';
import { databaseUrl, devSecretsEnv, internalAuthHeaders, KAFKA_BROKERS, startGroupAtEnd, uniqueName, waitFor } from '@tenantry/testing';
import { AppModule } from '../src/app.module';
import { BillingConfig } from '../src/billing.config';
import { CONSUMER_GROUPS } from '../src/service';

export interface Answer<T = unknown> {
  status: number;
  contentType: string | null;
  body: T;
}

export interface Problem {
  type: string;
  status: number;
  detail?: string;
  errors?: { field: string; message: string }[];
}

export class BillingClient {
  constructor(private readonly url: string) {}

  async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: { ...internalAuthHeaders({ audience: 'billing' }), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, contentType: response.headers.get('content-type'), body: (text ? JSON.parse(text) : undefined) as T };
  }

  /** The answer's bytes as they are (a PDF), or the problem's text. */
  async bytes(path: string): Promise<{ status: number; contentType: string | null; contentDisposition: string | null; body: Buffer }> {
    const response = await fetch(`${this.url}${path}`, { headers: internalAuthHeaders({ audience: 'billing' }) });
    return { status: response.status, contentType: response.headers.get('content-type'), contentDisposition: response.headers.get('content-disposition'), body: Buffer.from(await response.arrayBuffer()) };
  }

  invoicePdf(invoiceId: string, tenantId?: string) {
    return this.bytes(tenantId === undefined ? `/internal/v1/invoices/${invoiceId}/pdf` : `/internal/v1/tenants/${tenantId}/invoices/${invoiceId}/pdf`);
  }

  revenue(query: Record<string, string>): Promise<Answer<RevenueReportDto>> {
    return this.request('GET', `/internal/v1/revenue?${new URLSearchParams(query).toString()}`);
  }

  billingSummary(tenantId: string): Promise<Answer<BillingSummaryDto>> {
    return this.request('GET', `/internal/v1/tenants/${tenantId}/billing-summary`);
  }

  plans(): Promise<Answer<PlanListDto>> {
    return this.request('GET', '/internal/v1/plans');
  }

  plan(id: string): Promise<Answer<PlanViewDto>> {
    return this.request('GET', `/internal/v1/plans/${id}`);
  }

  createPlan(body: unknown): Promise<Answer<PlanViewDto>> {
    return this.request('POST', '/internal/v1/plans', body);
  }

  updatePlan(id: string, body: unknown): Promise<Answer<PlanViewDto>> {
    return this.request('PUT', `/internal/v1/plans/${id}`, body);
  }

  subscription(tenantId: string): Promise<Answer<SubscriptionViewDto>> {
    return this.request('GET', `/internal/v1/tenants/${tenantId}/subscription`);
  }

  updateSubscription(tenantId: string, body: unknown): Promise<Answer<SubscriptionViewDto>> {
    return this.request('PUT', `/internal/v1/tenants/${tenantId}/subscription`, body);
  }

  invoices(tenantId: string, query: Record<string, string> = {}): Promise<Answer<InvoiceListDto>> {
    return this.request('GET', `/internal/v1/tenants/${tenantId}/invoices?${new URLSearchParams(query).toString()}`);
  }

  tenantInvoice(tenantId: string, invoiceId: string): Promise<Answer<InvoiceViewDto>> {
    return this.request('GET', `/internal/v1/tenants/${tenantId}/invoices/${invoiceId}`);
  }

  invoice(invoiceId: string): Promise<Answer<InvoiceViewDto>> {
    return this.request('GET', `/internal/v1/invoices/${invoiceId}`);
  }

  paymentMethods(tenantId: string): Promise<Answer<PaymentMethodListDto>> {
    return this.request('GET', `/internal/v1/tenants/${tenantId}/payment-methods`);
  }

  attachPaymentMethod(tenantId: string, body: unknown): Promise<Answer<PaymentMethodViewDto>> {
    return this.request('POST', `/internal/v1/tenants/${tenantId}/payment-methods`, body);
  }

  detachPaymentMethod(tenantId: string, methodId: string): Promise<Answer<undefined>> {
    return this.request('DELETE', `/internal/v1/tenants/${tenantId}/payment-methods/${methodId}`);
  }

  makeDefaultPaymentMethod(tenantId: string, methodId: string): Promise<Answer<PaymentMethodViewDto>> {
    return this.request('POST', `/internal/v1/tenants/${tenantId}/payment-methods/${methodId}/default`);
  }

  payInvoice(invoiceId: string, idempotencyKey?: string): Promise<Answer<PaymentViewDto>> {
    return this.request('POST', `/internal/v1/invoices/${invoiceId}/pay`, undefined, idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey });
  }

  voidInvoice(invoiceId: string, idempotencyKey?: string): Promise<Answer<InvoiceViewDto>> {
    return this.request('POST', `/internal/v1/invoices/${invoiceId}/void`, undefined, idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey });
  }

  issueCreditNote(invoiceId: string, body: unknown, idempotencyKey?: string): Promise<Answer<CreditNoteViewDto>> {
    return this.request('POST', `/internal/v1/invoices/${invoiceId}/credit-notes`, body, idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey });
  }

  creditNotes(invoiceId: string): Promise<Answer<CreditNoteListDto>> {
    return this.request('GET', `/internal/v1/invoices/${invoiceId}/credit-notes`);
  }

  tenantCreditNotes(tenantId: string, invoiceId: string): Promise<Answer<CreditNoteListDto>> {
    return this.request('GET', `/internal/v1/tenants/${tenantId}/invoices/${invoiceId}/credit-notes`);
  }

  /** Waits until the invoice's payment status is `status` (the provider confirms asynchronously). */
  async awaitPaymentStatus(invoiceId: string, status: string): Promise<InvoiceViewDto> {
    return waitFor(
      async () => {
        const answer = await this.invoice(invoiceId);
        return answer.body.paymentStatus === status ? answer.body : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 100, what: `invoice ${invoiceId} to be ${status}` },
    );
  }

  dunning(tenantId: string): Promise<Answer<DunningViewDto>> {
    return this.request('GET', `/internal/v1/tenants/${tenantId}/dunning`);
  }

  startRun(body: unknown = {}): Promise<Answer<BillingRunViewDto>> {
    return this.request('POST', '/internal/v1/billing/runs', body);
  }

  run(id: string): Promise<Answer<BillingRunViewDto>> {
    return this.request('GET', `/internal/v1/billing/runs/${id}`);
  }

  /** Starts a run and waits until it is no longer running. */
  async billingRun(body: unknown = {}): Promise<BillingRunViewDto> {
    const started = await this.startRun(body);
    if (started.status !== 202) throw new Error(`billing run refused: ${started.status} ${JSON.stringify(started.body)}`);
    return waitFor(
      async () => {
        const run = await this.run(started.body.id);
        return run.body.status === 'running' ? undefined : run.body;
      },
      { timeoutMs: 30_000, intervalMs: 100, what: `billing run ${started.body.id}` },
    );
  }

  /** Waits until the tenant's subscription exists (TenantCreated consumed). */
  async awaitSubscription(tenantId: string): Promise<SubscriptionViewDto> {
    return waitFor(
      async () => {
        const answer = await this.subscription(tenantId);
        return answer.status === 200 ? answer.body : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 100, what: `a subscription of ${tenantId}` },
    );
  }
}

export interface RunningBilling {
  api: BillingClient;
  clock: ManualClock;
  app: NestFastifyApplication;
  /** The group ids' prefix, to ask the broker whether a consumer has caught up. */
  groupPrefix: string;
  dataSource: DataSource;
  /** The schema the instance runs in (pass it to a second `startBilling` for a second instance or a restart). */
  schema: string;
  /** Stops the app and drops its schema, unless `keepSchema` (a restart follows, or another instance still uses it). */
  stop(options?: { keepSchema?: boolean }): Promise<void>;
}

/**
 * Billing in-process on a free port, with its own clock, schema and consumer groups; the scheduled run is left to the test (hourly).
 * A new instance (no `schema` given) starts its consumer groups at the end of the topics (`skipBacklog`, the default then): it sees
 * only what its test produces after it started, never the whole suite's backlog (reading that first outlasted the specs' waits on a
 * broker that had served the suite). A restart or second instance on the same schema keeps its groups' offsets.
 */
export async function startBilling(start: Date, env: Record<string, string> = {}, options: { skipBacklog?: boolean; schema?: string } = {}): Promise<RunningBilling> {
  const schema = options.schema ?? uniqueName('billing_it');
  const clock = new ManualClock(start);
  const groupPrefix = `${schema}.`;
  if (options.skipBacklog ?? options.schema === undefined) {
    // Only what the test produces from now on: a platform-wide figure (revenue) must not count other suites' tenants.
    await startGroupAtEnd(groupPrefix + CONSUMER_GROUPS.tenants, TOPICS.TENANT_LIFECYCLE.name);
    await startGroupAtEnd(groupPrefix + CONSUMER_GROUPS.usage, TOPICS.METERING_USAGE.name);
  }
  const config = loadConfig(BillingConfig, {
    DATABASE_URL: databaseUrl(),
    KAFKA_BROKERS,
    LOG_LEVEL: 'warn',
    OUTBOX_POLL_MS: '100',
    KAFKA_GROUP_PREFIX: groupPrefix,
    BILLING_RUN_INTERVAL_MS: '3600000',
    INTERNAL_AUTH_VERIFY_KEYS: devSecretsEnv()['INTERNAL_AUTH_VERIFY_KEYS'] ?? '',
    BILLING_PROVIDER_WEBHOOK_SECRET: devSecretsEnv()['BILLING_PROVIDER_WEBHOOK_SECRET'] ?? '',
    INTERNAL_AUTH_SERVICE_KEYS: devSecretsEnv()['INTERNAL_AUTH_SERVICE_KEYS'] ?? '',
    ...env,
  });
  const app = await createServiceApp(AppModule.register(config, { clock, schema }), { name: 'billing', config, rawBody: true });
  await app.listen(0, '127.0.0.1');
  const api = new BillingClient(await app.getUrl());
  await waitFor(
    async () => {
      const response = await fetch(`${await app.getUrl()}/health/ready`);
      return response.status === 200 ? true : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 250, what: 'billing to report ready' },
  );
  const dataSource = app.get(DataSource);
  return {
    api,
    clock,
    app,
    groupPrefix,
    dataSource,
    schema,
    async stop(options = {}) {
      // Stop consumers and the relay first, then drop the schema over a connection of its own.
      await app.close();
      if (options.keepSchema) return;
      const admin = createDataSource({ url: databaseUrl(), schema: 'public', applicationName: `test:${schema}:drop`, poolSize: 1 });
      await admin.initialize();
      try {
        await admin.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
      } finally {
        await admin.destroy();
      }
    },
  };
}
