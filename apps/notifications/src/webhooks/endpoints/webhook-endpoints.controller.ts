/** The webhook endpoint routes of the internal API: a tenant admin's token sees only its tenant's endpoints, a platform role's all of them. */
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { CreateWebhookEndpointDto, UpdateWebhookEndpointDto, WebhookEndpointCreatedDto, WebhookEndpointListDto, WebhookEndpointViewDto, WebhookSecretRotatedDto } from '@tenantry/notifications-api';
import { Caller, InternalCaller, UuidParamPipe } from '@tenantry/service';
import { endpointAccessOf } from './endpoint-access';
import { toEndpointList, toEndpointView } from './webhook-endpoint.mapper';
import { CreateEndpointCommand } from './usecases/create-endpoint/create-endpoint.command';
import { CreateEndpointUseCase } from './usecases/create-endpoint/create-endpoint.use-case';
import { DeleteEndpointCommand } from './usecases/delete-endpoint/delete-endpoint.command';
import { DeleteEndpointUseCase } from './usecases/delete-endpoint/delete-endpoint.use-case';
import { GetEndpointCommand } from './usecases/get-endpoint/get-endpoint.command';
import { GetEndpointUseCase } from './usecases/get-endpoint/get-endpoint.use-case';
import { ListEndpointsCommand } from './usecases/list-endpoints/list-endpoints.command';
import { ListEndpointsUseCase } from './usecases/list-endpoints/list-endpoints.use-case';
import { RotateSecretCommand } from './usecases/rotate-secret/rotate-secret.command';
import { RotateSecretUseCase } from './usecases/rotate-secret/rotate-secret.use-case';
import { UpdateEndpointCommand } from './usecases/update-endpoint/update-endpoint.command';
import { UpdateEndpointUseCase } from './usecases/update-endpoint/update-endpoint.use-case';

@Controller('internal/v1/webhook-endpoints')
export class WebhookEndpointsController {
  constructor(
    private readonly create: CreateEndpointUseCase,
    private readonly listAll: ListEndpointsUseCase,
    private readonly getOne: GetEndpointUseCase,
    private readonly change: UpdateEndpointUseCase,
    private readonly remove: DeleteEndpointUseCase,
    private readonly rotate: RotateSecretUseCase,
  ) {}

  @Get()
  async list(@Caller() caller: InternalCaller): Promise<WebhookEndpointListDto> {
    return toEndpointList(await this.listAll.execute(new ListEndpointsCommand(endpointAccessOf(caller))));
  }

  @Post()
  async add(@Caller() caller: InternalCaller, @Body() body: CreateWebhookEndpointDto): Promise<WebhookEndpointCreatedDto> {
    const { endpoint, secret } = await this.create.execute(
      new CreateEndpointCommand(endpointAccessOf(caller), body.tenantId, body.url, body.eventTypes, body.description ?? '', body.enabled ?? true),
    );
    return { ...toEndpointView(endpoint), secret };
  }

  @Get(':id')
  async get(@Caller() caller: InternalCaller, @Param('id', UuidParamPipe) id: string): Promise<WebhookEndpointViewDto> {
    return toEndpointView(await this.getOne.execute(new GetEndpointCommand(endpointAccessOf(caller), id)));
  }

  @Put(':id')
  async update(@Caller() caller: InternalCaller, @Param('id', UuidParamPipe) id: string, @Body() body: UpdateWebhookEndpointDto): Promise<WebhookEndpointViewDto> {
    const changes = { url: body.url, eventTypes: body.eventTypes, description: body.description, enabled: body.enabled };
    return toEndpointView(await this.change.execute(new UpdateEndpointCommand(endpointAccessOf(caller), id, changes)));
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@Caller() caller: InternalCaller, @Param('id', UuidParamPipe) id: string): Promise<void> {
    await this.remove.execute(new DeleteEndpointCommand(endpointAccessOf(caller), id));
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  async rotateSecret(@Caller() caller: InternalCaller, @Param('id', UuidParamPipe) id: string): Promise<WebhookSecretRotatedDto> {
    const { secret, previousSecretExpiresAt } = await this.rotate.execute(new RotateSecretCommand(endpointAccessOf(caller), id));
    return { secret, previousSecretExpiresAt: previousSecretExpiresAt.toISOString() };
  }
}
