/**
 * Liveness and readiness (database, Kafka, consumer progress) on the public port. Readiness there
 * answers only `{status}`; its details and the Prometheus metrics are on the management port
 * (management-server.ts), which calls `readiness()` and `metricsText()`.
 */
import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ServiceMetrics } from '@tenantry/observability';
import { PublicRoute } from './internal-auth.guard';
import { MessagingHost, withTimeout } from './messaging-host';

type Status = 'up' | 'down';

interface Reply {
  status(code: number): Reply;
  send(body: unknown): void;
}

/** Open to anyone (probes, scrapers): no internal token needed. */
@PublicRoute()
@Controller()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly messaging: MessagingHost,
    private readonly metrics: ServiceMetrics,
  ) {}

  @Get('health/live')
  @HttpCode(200)
  live() {
    return { status: 'ok', service: this.messaging.serviceName };
  }

  @Get('health/ready')
  async ready(@Res() reply: Reply): Promise<void> {
    const { ready, body } = await this.readiness();
    reply.status(ready ? 200 : 503).send({ status: body.status });
  }

  /** The detailed readiness report: each check and each consumer (management port only). */
  async readiness(): Promise<{ ready: boolean; body: { status: 'ready' | 'not_ready'; service: string; checks: Record<string, unknown> } }> {
    const [database, kafka] = await Promise.all([this.databaseStatus(), this.messaging.kafkaReachable().then((up): Status => (up ? 'up' : 'down'))]);
    const consumers = this.messaging.consumerHealth();
    const ready = database === 'up' && kafka === 'up' && consumers.every((consumer) => consumer.ready);
    return {
      ready,
      body: { status: ready ? 'ready' : 'not_ready', service: this.messaging.serviceName, checks: { database: { status: database }, kafka: { status: kafka }, consumers } },
    };
  }

  /** Prometheus text (management port only). */
  metricsText(): Promise<string> {
    return this.metrics.registry.metrics();
  }

  private async databaseStatus(): Promise<Status> {
    try {
      await withTimeout(this.dataSource.query('SELECT 1'), 2_000);
      return 'up';
    } catch {
      return 'down';
    }
  }
}
