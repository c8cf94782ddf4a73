/** The delivery routes of the internal API: the log of an endpoint, redelivery, replay of a time range, a test event. Scoped like the endpoints. */
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ReplayWebhookEventsDto, WebhookDeliveryListDto, WebhookDeliveryListQueryDto, WebhookDeliveryViewDto, WebhookReplayResultDto } from '@tenantry/notifications-api';
import { Caller, InternalCaller, UuidParamPipe } from '@tenantry/service';
import { endpointAccessOf } from '../endpoints/endpoint-access';
import { toDeliveryList, toDeliveryView } from './webhook-delivery.mapper';
import { ListDeliveriesCommand } from './usecases/list-deliveries/list-deliveries.command';
import { ListDeliveriesUseCase } from './usecases/list-deliveries/list-deliveries.use-case';
import { RedeliverCommand } from './usecases/redeliver/redeliver.command';
import { RedeliverUseCase } from './usecases/redeliver/redeliver.use-case';
import { ReplayEventsCommand } from './usecases/replay-events/replay-events.command';
import { ReplayEventsUseCase } from './usecases/replay-events/replay-events.use-case';
import { SendTestCommand } from './usecases/send-test/send-test.command';
import { SendTestUseCase } from './usecases/send-test/send-test.use-case';

const DEFAULT_LIMIT = 50;

@Controller('internal/v1')
export class WebhookDeliveriesController {
  constructor(
    private readonly listDeliveries: ListDeliveriesUseCase,
    private readonly redeliverOne: RedeliverUseCase,
    private readonly replayRange: ReplayEventsUseCase,
    private readonly sendTest: SendTestUseCase,
  ) {}

  @Get('webhook-endpoints/:id/deliveries')
  async list(@Caller() caller: InternalCaller, @Param('id', UuidParamPipe) id: string, @Query() query: WebhookDeliveryListQueryDto): Promise<WebhookDeliveryListDto> {
    return toDeliveryList(await this.listDeliveries.execute(new ListDeliveriesCommand(endpointAccessOf(caller), id, query.limit ?? DEFAULT_LIMIT)));
  }

  @Post('webhook-deliveries/:id/redeliver')
  @HttpCode(202)
  async redeliver(@Caller() caller: InternalCaller, @Param('id', UuidParamPipe) id: string): Promise<WebhookDeliveryViewDto> {
    return toDeliveryView(await this.redeliverOne.execute(new RedeliverCommand(endpointAccessOf(caller), id)));
  }

  @Post('webhook-endpoints/:id/replay')
  @HttpCode(202)
  async replay(@Caller() caller: InternalCaller, @Param('id', UuidParamPipe) id: string, @Body() body: ReplayWebhookEventsDto): Promise<WebhookReplayResultDto> {
    const queued = await this.replayRange.execute(new ReplayEventsCommand(endpointAccessOf(caller), id, new Date(body.from), new Date(body.to)));
    return { queued };
  }

  @Post('webhook-endpoints/:id/test')
  @HttpCode(202)
  async test(@Caller() caller: InternalCaller, @Param('id', UuidParamPipe) id: string): Promise<WebhookDeliveryViewDto> {
    return toDeliveryView(await this.sendTest.execute(new SendTestCommand(endpointAccessOf(caller), id)));
  }
}
