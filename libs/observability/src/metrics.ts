/** The Prometheus registry of a process and the metrics every service shares. */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export class ServiceMetrics {
  readonly registry = new Registry();

  readonly outboxBacklog = new Gauge({
    name: 'tenantry_outbox_backlog',
    help: 'Events committed to the outbox and not yet acknowledged by Kafka.',
    labelNames: ['schema'],
    registers: [this.registry],
  });

  readonly outboxPublished = new Counter({
    name: 'tenantry_outbox_published_total',
    help: 'Events the outbox relay published to Kafka.',
    labelNames: ['schema', 'type'],
    registers: [this.registry],
  });

  readonly outboxPublishFailures = new Counter({
    name: 'tenantry_outbox_publish_failures_total',
    help: 'Failed attempts to publish an outbox batch (the events stay and are retried).',
    labelNames: ['schema'],
    registers: [this.registry],
  });

  readonly eventsConsumed = new Counter({
    name: 'tenantry_events_consumed_total',
    help: 'Events a consumer group handled, by outcome (applied, duplicate, skipped, dead_lettered).',
    labelNames: ['group', 'type', 'outcome'],
    registers: [this.registry],
  });

  readonly handlerDuration = new Histogram({
    name: 'tenantry_event_handler_duration_seconds',
    help: 'Time to apply one event or one batch, including its database transaction.',
    labelNames: ['group', 'mode'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly deadLetters = new Counter({
    name: 'tenantry_dead_letters_total',
    help: 'Messages sent to the dead-letter topic of a consumer group.',
    labelNames: ['group', 'reason'],
    registers: [this.registry],
  });

  readonly consumerLag = new Gauge({
    name: 'tenantry_consumer_lag',
    help: 'Messages on a partition not yet committed by the consumer group.',
    labelNames: ['group', 'topic', 'partition'],
    registers: [this.registry],
  });

  readonly consumerUp = new Gauge({
    name: 'tenantry_consumer_up',
    help: '1 while the consumer group member is running and not stalled, 0 otherwise.',
    labelNames: ['group'],
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'tenantry_http_request_duration_seconds',
    help: 'HTTP request durations by route and status class.',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
  }
}
