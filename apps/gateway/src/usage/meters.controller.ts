/** The public meters routes: checked and authorised here (bodies from libs/usage-api), answered by metering. */
import { Body, Controller, Get, Param, Post, Put, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { invalidField } from '@tenantry/service';
import { DefineMeterDto, METRIC_NAME, MeterFieldsDto, MeterListDto, MeterViewDto } from '@tenantry/usage-api';
import { AuthenticationGuard, AuthorizationGuard, GatewayRequest, PlatformOperation } from '../auth';
import { ApiProblems } from '../openapi';
import { ReplyLike, UpstreamProxy } from '../upstream';

const INTERNAL = '/internal/v1/meters';

function meterKey(key: string): string {
  if (!METRIC_NAME.test(key)) throw invalidField('key', 'key must be lower case letters, digits and _, starting with a letter (at most 63)');
  return key;
}

@ApiTags('usage')
@ApiBearerAuth('apiKey')
@ApiProblems(401, 429, 503)
@UseGuards(AuthenticationGuard, AuthorizationGuard)
@Controller('api/v1/platform')
export class MetersController {
  constructor(private readonly upstream: UpstreamProxy) {}

  @Get('meters')
  @PlatformOperation('listMeters', 'Every meter', 'The six built-in meters and the operator-defined ones: key, unit, aggregation, value property, filters, group-by properties, and which sources record and count.')
  @ApiOkResponse({ type: MeterListDto, description: 'The meters, by key' })
  @ApiProblems(403)
  async list(@Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'metering', method: 'GET', path: INTERNAL });
  }

  @Get('meters/:key')
  @PlatformOperation('getMeter', 'One meter', 'Its definition and version.')
  @ApiParam({ name: 'key', example: 'documents_processed' })
  @ApiOkResponse({ type: MeterViewDto, description: 'The meter' })
  @ApiProblems(400, 403, 404)
  async get(@Param('key') key: string, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'metering', method: 'GET', path: `${INTERNAL}/${meterKey(key)}` });
  }

  @Post('meters')
  @PlatformOperation(
    'createMeter',
    'Define a meter',
    'A custom meter clients record usage for (`metric` = its key) from the moment this answers; limits, alerts, the usage view (with `groupBy`) and billing usage charges take its key.',
  )
  @ApiBody({ type: DefineMeterDto })
  @ApiResponse({ status: 201, type: MeterViewDto, description: 'The new meter' })
  @ApiProblems(400, 403, 409)
  async create(@Body() body: DefineMeterDto, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'metering', method: 'POST', path: INTERNAL, body });
  }

  @Put('meters/:key')
  @PlatformOperation(
    'updateMeter',
    'Change a meter',
    'The whole definition. 409 `meter-has-usage` when the aggregation would change after usage was recorded (define a new meter), 409 `meter-built-in` for a built-in meter field other than description and countedSources.',
  )
  @ApiParam({ name: 'key', example: 'documents_processed' })
  @ApiBody({ type: MeterFieldsDto })
  @ApiOkResponse({ type: MeterViewDto, description: 'The meter at its new version' })
  @ApiProblems(400, 403, 404, 409)
  async update(@Param('key') key: string, @Body() body: MeterFieldsDto, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'metering', method: 'PUT', path: `${INTERNAL}/${meterKey(key)}`, body });
  }
}
