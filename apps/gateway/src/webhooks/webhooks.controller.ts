/** The public webhook routes: validated and authorised here (bodies from libs/notifications-api), answered by notifications, which scopes a tenant admin to its own tenant's endpoints and deliveries. */
import { Body, Controller, Delete, Get, Param, Post, Put, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  CreateWebhookEndpointDto,
  ReplayWebhookEventsDto,
  UpdateWebhookEndpointDto,
  WebhookDeliveryListDto,
  WebhookDeliveryListQueryDto,
  WebhookDeliveryViewDto,
  WebhookEndpointCreatedDto,
  WebhookEndpointListDto,
  WebhookEndpointViewDto,
  WebhookReplayResultDto,
  WebhookSecretRotatedDto,
} from '@tenantry/notifications-api';
import { UuidParamPipe } from '@tenantry/service';
import { AuthenticationGuard, AuthorizationGuard, GatewayRequest, PlatformOperation } from '../auth';
import { ApiProblems } from '../openapi';
import { TenantStateGuard } from '../tenant-status';
import { queryString, ReplyLike, UpstreamProxy } from '../upstream';

const INTERNAL = '/internal/v1';

@ApiTags('webhooks')
@ApiBearerAuth('apiKey')
@ApiProblems(401, 503)
@UseGuards(AuthenticationGuard, AuthorizationGuard, TenantStateGuard)
@Controller('api/v1/platform')
export class WebhooksController {
  constructor(private readonly upstream: UpstreamProxy) {}

  @Get('webhook-endpoints')
  @PlatformOperation('listWebhookEndpoints', 'Webhook endpoints', "A tenant-admin key sees its own tenant's endpoints; platform roles see every tenant's and the platform-wide ones.")
  @ApiOkResponse({ type: WebhookEndpointListDto, description: 'The endpoints (never their secrets)' })
  @ApiProblems(403)
  async list(@Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'notifications', method: 'GET', path: `${INTERNAL}/webhook-endpoints` });
  }

  @Post('webhook-endpoints')
  @PlatformOperation(
    'createWebhookEndpoint',
    'Register a webhook endpoint',
    'Standard Webhooks: every delivery carries webhook-id, webhook-timestamp and webhook-signature (v1, HMAC-SHA256). The secret is in this answer only. The URL must be HTTPS and resolve to a public address (SSRF); event types come from the AsyncAPI catalogue, `Prefix*` and `*` allowed.',
  )
  @ApiBody({ type: CreateWebhookEndpointDto })
  @ApiResponse({ status: 201, type: WebhookEndpointCreatedDto, description: 'The endpoint, with its secret' })
  @ApiProblems(400, 403)
  async create(@Body() body: CreateWebhookEndpointDto, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'notifications', method: 'POST', path: `${INTERNAL}/webhook-endpoints`, body });
  }

  @Get('webhook-endpoints/:id')
  @PlatformOperation('getWebhookEndpoint', 'One webhook endpoint', "Another tenant's endpoint answers 404 to a tenant-admin key.")
  @ApiOkResponse({ type: WebhookEndpointViewDto, description: 'The endpoint' })
  @ApiProblems(400, 403, 404)
  async get(@Param('id', UuidParamPipe) id: string, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'notifications', method: 'GET', path: `${INTERNAL}/webhook-endpoints/${id}` });
  }

  @Put('webhook-endpoints/:id')
  @PlatformOperation('updateWebhookEndpoint', 'Change a webhook endpoint', 'URL, event types, description, enabled; enabling an automatically disabled endpoint clears its failure streak.')
  @ApiBody({ type: UpdateWebhookEndpointDto })
  @ApiOkResponse({ type: WebhookEndpointViewDto, description: 'The endpoint' })
  @ApiProblems(400, 403, 404)
  async update(@Param('id', UuidParamPipe) id: string, @Body() body: UpdateWebhookEndpointDto, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'notifications', method: 'PUT', path: `${INTERNAL}/webhook-endpoints/${id}`, body });
  }

  @Delete('webhook-endpoints/:id')
  @PlatformOperation('deleteWebhookEndpoint', 'Remove a webhook endpoint', 'With its deliveries and their log.')
  @ApiResponse({ status: 204, description: 'Removed' })
  @ApiProblems(400, 403, 404)
  async delete(@Param('id', UuidParamPipe) id: string, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'notifications', method: 'DELETE', path: `${INTERNAL}/webhook-endpoints/${id}` });
  }

  @Post('webhook-endpoints/:id/rotate-secret')
  @PlatformOperation('rotateWebhookSecret', 'Rotate the signing secret', 'A new secret, in this answer only; for 24 hours every delivery carries a second signature made with the previous one.')
  @ApiOkResponse({ type: WebhookSecretRotatedDto, description: 'The new secret' })
  @ApiProblems(400, 403, 404)
  async rotate(@Param('id', UuidParamPipe) id: string, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'notifications', method: 'POST', path: `${INTERNAL}/webhook-endpoints/${id}/rotate-secret` });
  }

  @Get('webhook-endpoints/:id/deliveries')
  @PlatformOperation('listWebhookDeliveries', 'The delivery log of an endpoint', 'Newest first, each delivery with every attempt: status code, latency, the first 1 KiB of the answer.')
  @ApiOkResponse({ type: WebhookDeliveryListDto, description: 'The deliveries' })
  @ApiProblems(400, 403, 404)
  async deliveries(@Param('id', UuidParamPipe) id: string, @Query() query: WebhookDeliveryListQueryDto, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'notifications', method: 'GET', path: `${INTERNAL}/webhook-endpoints/${id}/deliveries${queryString(query)}` });
  }

  @Post('webhook-endpoints/:id/replay')
  @PlatformOperation('replayWebhookEvents', 'Replay a time range to an endpoint', 'Every event of [from, to) the endpoint subscribes to that it has not received is delivered; failed deliveries are sent again.')
  @ApiBody({ type: ReplayWebhookEventsDto })
  @ApiResponse({ status: 202, type: WebhookReplayResultDto, description: 'Queued' })
  @ApiProblems(400, 403, 404)
  async replay(@Param('id', UuidParamPipe) id: string, @Body() body: ReplayWebhookEventsDto, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'notifications', method: 'POST', path: `${INTERNAL}/webhook-endpoints/${id}/replay`, body });
  }

  @Post('webhook-endpoints/:id/test')
  @PlatformOperation('testWebhookEndpoint', 'Send a test event', 'A signed `WebhookTest` event, delivered and logged like any other.')
  @ApiResponse({ status: 202, type: WebhookDeliveryViewDto, description: 'The queued delivery' })
  @ApiProblems(400, 403, 404)
  async test(@Param('id', UuidParamPipe) id: string, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'notifications', method: 'POST', path: `${INTERNAL}/webhook-endpoints/${id}/test` });
  }

  @Post('webhook-deliveries/:id/redeliver')
  @PlatformOperation('redeliverWebhook', 'Send a delivery again', 'Now, with the same webhook-id, and a fresh retry schedule.')
  @ApiResponse({ status: 202, type: WebhookDeliveryViewDto, description: 'The delivery, queued' })
  @ApiProblems(400, 403, 404)
  async redeliver(@Param('id', UuidParamPipe) id: string, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'notifications', method: 'POST', path: `${INTERNAL}/webhook-deliveries/${id}/redeliver` });
  }
}
