/** Liveness, readiness (database, Kafka, consumer progress) and Prometheus metrics of a service. */
import { Controller, Get, Header, HttpCode, Res } from '@nestjs/common';
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
    const [database, kafka] = await Promise.all([this.databaseStatus(), this.messaging.kafkaReachable().then((up): Status => (up ? 'up' : 'down'))]);
    const consumers = this.messaging.consumerHealth();
    const ready = database === 'up' && kafka === 'up' && consumers.every((consumer) => consumer.ready);
    reply.status(ready ? 200 : 503).send({
      status: ready ? 'ready' : 'not_ready',
      service: this.messaging.serviceName,
      checks: { database: { status: database }, kafka: { status: kafka }, consumers },
    });
  }

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async prometheus(): Promise<string> {
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
