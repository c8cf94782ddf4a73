/** A tenant's users (in the tenant's own database): validated and authorised here, answered by provisioning. */
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { UuidParamPipe } from '@tenantry/service';
import { AuthenticationGuard, AuthorizationGuard, GatewayRequest, PlatformOperation } from '../auth';
import { ApiProblems } from '../openapi';
import { TenantStateGuard } from '../tenant-status';
import { callerOf, ReplyLike, UpstreamProxy, writeReply } from '../upstream';
import { InviteTenantUserDto, TenantUserDto, TenantUserListDto } from './dto/tenant-user.dto';
import { InviteTenantUserCommand } from './usecases/invite-tenant-user/invite-tenant-user.command';
import { InviteTenantUserUseCase } from './usecases/invite-tenant-user/invite-tenant-user.use-case';

const TENANTS = '/internal/v1/tenants';

@ApiTags('tenant users')
@ApiBearerAuth('apiKey')
@ApiProblems(401, 429, 503)
@UseGuards(AuthenticationGuard, AuthorizationGuard, TenantStateGuard)
@Controller('api/v1/platform/tenants/:id/users')
export class TenantUsersController {
  constructor(
    private readonly upstream: UpstreamProxy,
    private readonly inviteUser: InviteTenantUserUseCase,
  ) {}

  @Get()
  @PlatformOperation('listTenantUsers', "A tenant's users", 'Every user of the tenant with role, status (invited, active, disabled) and last sign-in; read from the tenant\'s own database.')
  @ApiOkResponse({ type: TenantUserListDto })
  @ApiProblems(400, 403, 404)
  async list(@Param('id', UuidParamPipe) id: string, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'provisioning', method: 'GET', path: `${TENANTS}/${id}/users` });
  }

  @Post()
  @PlatformOperation(
    'inviteTenantUser',
    'Invite a user into a tenant',
    "Stores an invited user in the tenant's own database and mails the invitation link (TenantUserInvited → notifications). A hard `users` limit counts invited and active users: at the limit the invitation is refused with 409 `users-limit-reached` (`limit: \"users\"`). Inviting again an e-mail whose invitation is still pending renews it (a new link and expiry; the earlier link stops working) and mails it again: 200. An e-mail already an active or disabled user: 409 `user-exists`.",
  )
  @ApiBody({ type: InviteTenantUserDto })
  @ApiResponse({ status: 201, type: TenantUserDto, description: 'Invited' })
  @ApiResponse({ status: 200, type: TenantUserDto, description: 'A pending invitation renewed and sent again' })
  @ApiProblems(400, 403, 404, 409)
  async invite(@Param('id', UuidParamPipe) id: string, @Body() body: InviteTenantUserDto, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    writeReply(reply, await this.inviteUser.execute(new InviteTenantUserCommand(callerOf(request), id, body.email, body.role ?? 'member')), request.url);
  }

  @Get(':userId')
  @PlatformOperation('getTenantUser', 'A user of a tenant')
  @ApiOkResponse({ type: TenantUserDto })
  @ApiProblems(400, 403, 404)
  async get(@Param('id', UuidParamPipe) id: string, @Param('userId', UuidParamPipe) userId: string, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'provisioning', method: 'GET', path: `${TENANTS}/${id}/users/${userId}` });
  }

  @Delete(':userId')
  @HttpCode(200)
  @PlatformOperation('disableTenantUser', 'Disable a user of a tenant', 'The row stays (status `disabled`); its invitation stops working, its sign-ins are refused, and it no longer counts against the `users` limit.')
  @ApiOkResponse({ type: TenantUserDto, description: 'The user, disabled' })
  @ApiProblems(400, 403, 404)
  async disable(@Param('id', UuidParamPipe) id: string, @Param('userId', UuidParamPipe) userId: string, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'provisioning', method: 'DELETE', path: `${TENANTS}/${id}/users/${userId}` });
  }

  @Post(':userId/logins')
  @HttpCode(200)
  @PlatformOperation('recordTenantUserLogin', "Record a user's sign-in", "For the tenant's application: sets the user's last sign-in (what metering's `active_users` counts); an invited user becomes active. A disabled user: 409 `user-disabled`.")
  @ApiOkResponse({ type: TenantUserDto })
  @ApiProblems(400, 403, 404, 409)
  async login(@Param('id', UuidParamPipe) id: string, @Param('userId', UuidParamPipe) userId: string, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'provisioning', method: 'POST', path: `${TENANTS}/${id}/users/${userId}/logins` });
  }
}
