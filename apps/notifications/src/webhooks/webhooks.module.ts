/** Signed webhooks (Standard Webhooks): endpoints, fan-out of the suite's events, the delivery worker with retries and auto-disable, the delivery log, replay. */
import { Module } from '@nestjs/common';
import { SERVICE_CONFIG } from '@tenantry/service';
import { WebhookDeliveriesController } from './deliveries/webhook-deliveries.controller';
import { PostgresWebhookDeliveryRepository } from './deliveries/postgres-webhook-delivery.repository';
import { WebhookDeliveryRepository } from './deliveries/webhook-delivery.repository';
import { WebhookDeliveryWorker } from './deliveries/webhook-delivery.worker';
import { WebhookEventsConsumer } from './deliveries/webhook-events.consumer';
import { NodeWebhookHttpClient, WebhookHttpClient } from './deliveries/webhook-http-client';
import { DeliverDueUseCase } from './deliveries/usecases/deliver-due/deliver-due.use-case';
import { FanOutEventsUseCase } from './deliveries/usecases/fan-out-events/fan-out-events.use-case';
import { ListDeliveriesUseCase } from './deliveries/usecases/list-deliveries/list-deliveries.use-case';
import { PruneWebhookLogUseCase } from './deliveries/usecases/prune-webhook-log/prune-webhook-log.use-case';
import { RedeliverUseCase } from './deliveries/usecases/redeliver/redeliver.use-case';
import { ReplayEventsUseCase } from './deliveries/usecases/replay-events/replay-events.use-case';
import { SendTestUseCase } from './deliveries/usecases/send-test/send-test.use-case';
import { EndpointInput } from './endpoints/endpoint-input';
import { PostgresWebhookEndpointRepository } from './endpoints/postgres-webhook-endpoint.repository';
import { WebhookEndpointRepository } from './endpoints/webhook-endpoint.repository';
import { WebhookEndpointsController } from './endpoints/webhook-endpoints.controller';
import { CreateEndpointUseCase } from './endpoints/usecases/create-endpoint/create-endpoint.use-case';
import { DeleteEndpointUseCase } from './endpoints/usecases/delete-endpoint/delete-endpoint.use-case';
import { GetEndpointUseCase } from './endpoints/usecases/get-endpoint/get-endpoint.use-case';
import { ListEndpointsUseCase } from './endpoints/usecases/list-endpoints/list-endpoints.use-case';
import { RotateSecretUseCase } from './endpoints/usecases/rotate-secret/rotate-secret.use-case';
import { UpdateEndpointUseCase } from './endpoints/usecases/update-endpoint/update-endpoint.use-case';
import { SecretSealer } from './signing/secret-sealer';
import { DnsHostResolver, HostResolver } from './ssrf/host-resolver';
import { WebhookUrlGuard } from './ssrf/webhook-url-guard';
import { WebhooksConfig } from './webhooks.config';

@Module({
  controllers: [WebhookEndpointsController, WebhookDeliveriesController],
  providers: [
    // The service's config class extends WebhooksConfig: the same object under this token.
    { provide: WebhooksConfig, useExisting: SERVICE_CONFIG },
    { provide: SecretSealer, useFactory: (config: WebhooksConfig) => new SecretSealer(config), inject: [WebhooksConfig] },
    { provide: HostResolver, useClass: DnsHostResolver },
    { provide: WebhookUrlGuard, useFactory: (resolver: HostResolver, config: WebhooksConfig) => new WebhookUrlGuard(resolver, config), inject: [HostResolver, WebhooksConfig] },
    { provide: WebhookHttpClient, useClass: NodeWebhookHttpClient },
    { provide: WebhookEndpointRepository, useClass: PostgresWebhookEndpointRepository },
    { provide: WebhookDeliveryRepository, useClass: PostgresWebhookDeliveryRepository },
    EndpointInput,
    CreateEndpointUseCase,
    ListEndpointsUseCase,
    GetEndpointUseCase,
    UpdateEndpointUseCase,
    DeleteEndpointUseCase,
    RotateSecretUseCase,
    FanOutEventsUseCase,
    DeliverDueUseCase,
    ListDeliveriesUseCase,
    RedeliverUseCase,
    ReplayEventsUseCase,
    SendTestUseCase,
    PruneWebhookLogUseCase,
    WebhookEventsConsumer,
    WebhookDeliveryWorker,
  ],
})
export class WebhooksModule {}
