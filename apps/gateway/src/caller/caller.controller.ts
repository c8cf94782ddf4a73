/** Any key asks who it is and what it may do. */
import { Controller, Get, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticationGuard, AuthorizationGuard, GatewayRequest, PlatformOperation, requirePrincipal } from '../auth';
import { ApiProblems } from '../openapi';
import { CallerDto } from './dto/caller.dto';
import { DescribeCallerUseCase } from './usecases/describe-caller/describe-caller.use-case';

@ApiTags('api-keys')
@ApiBearerAuth('apiKey')
@ApiProblems(401, 429)
@UseGuards(AuthenticationGuard, AuthorizationGuard)
@Controller('api/v1/platform/me')
export class CallerController {
  constructor(private readonly describe: DescribeCallerUseCase) {}

  @Get()
  @PlatformOperation(
    'getCaller',
    'Describe the calling key',
    'The key\'s id, role and tenant (tenant-admin keys), and every operation its role may call, so a client can offer only what will not be refused. Never the secret.',
  )
  @ApiOkResponse({ type: CallerDto, description: 'The calling key' })
  get(@Req() request: GatewayRequest): CallerDto {
    return this.describe.execute(requirePrincipal(request));
  }
}
