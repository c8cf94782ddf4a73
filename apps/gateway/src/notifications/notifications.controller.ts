/** The public notification routes: validated and authorised here (DTOs from libs/notifications-api), answered by notifications. */
import { Body, Controller, Delete, Get, Param, Put, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  NOTIFICATION_TYPE_NAMES,
  NotificationListDto,
  NotificationListQueryDto,
  NotificationPreferencesDto,
  NotificationTemplateDto,
  NotificationTemplateQueryDto,
  PutNotificationTemplateDto,
  SetNotificationPreferencesDto,
} from '@tenantry/notifications-api';
import { COMMON_PROBLEMS, invalidField, UuidParamPipe } from '@tenantry/service';
import { AuthenticationGuard, AuthorizationGuard, GatewayRequest, PlatformOperation, requirePrincipal } from '../auth';
import { ApiProblems } from '../openapi';
import { TenantStateGuard } from '../tenant-status';
import { queryString, ReplyLike, UpstreamProxy } from '../upstream';

const INTERNAL = '/internal/v1';

function notificationType(type: string): string {
  if (!(NOTIFICATION_TYPE_NAMES as readonly string[]).includes(type)) throw invalidField('type', `must be one of ${NOTIFICATION_TYPE_NAMES.join(', ')}`);
  return type;
}

@ApiTags('notifications')
@ApiBearerAuth('apiKey')
@ApiProblems(401, 503)
@UseGuards(AuthenticationGuard, AuthorizationGuard, TenantStateGuard)
@Controller('api/v1/platform')
export class NotificationsController {
  constructor(private readonly upstream: UpstreamProxy) {}

  @Get('notifications')
  @PlatformOperation('listNotifications', 'The mail log', "Every mail planned, sent, suppressed (opted out) or failed, newest first, with its Message-ID and attempts; filters `tenantId`, `type`, `status`. A tenant-admin key reads its own tenant's mails only.")
  @ApiOkResponse({ type: NotificationListDto, description: 'A page of the log' })
  @ApiProblems(400, 403, 404)
  async list(@Query() query: NotificationListQueryDto, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    const principal = requirePrincipal(request);
    let tenantId = query.tenantId;
    if (principal.role === 'tenant-admin') {
      if (tenantId !== undefined && tenantId.toLowerCase() !== principal.tenantId) throw COMMON_PROBLEMS['tenant-not-found'](`No tenant ${tenantId}.`);
      tenantId = principal.tenantId ?? undefined;
    }
    await this.upstream.relay(request, reply, { upstream: 'notifications', method: 'GET', path: `${INTERNAL}/notifications${queryString({ ...query, ...(tenantId ? { tenantId } : {}) })}` });
  }

  @Get('tenants/:id/notification-preferences')
  @PlatformOperation('getNotificationPreferences', "A tenant's mail preferences", 'Per recipient, each category that can be switched off (usage, billing, lifecycle, product); critical mails (security, suspension, payment) are always sent.')
  @ApiOkResponse({ type: NotificationPreferencesDto, description: 'The preferences' })
  @ApiProblems(400, 403, 404)
  async preferences(@Param('id', UuidParamPipe) id: string, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'notifications', method: 'GET', path: `${INTERNAL}/tenants/${id}/notification-preferences` });
  }

  @Put('tenants/:id/notification-preferences')
  @PlatformOperation('setNotificationPreferences', "Change a recipient's mail preferences", 'Categories left out keep their setting; a critical category cannot be switched off (400 naming it).')
  @ApiBody({ type: SetNotificationPreferencesDto })
  @ApiOkResponse({ type: NotificationPreferencesDto, description: 'The preferences after the change' })
  @ApiProblems(400, 403, 404)
  async setPreferences(@Param('id', UuidParamPipe) id: string, @Body() body: SetNotificationPreferencesDto, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'notifications', method: 'PUT', path: `${INTERNAL}/tenants/${id}/notification-preferences`, body });
  }

  @Get('notification-templates/:type')
  @PlatformOperation('getNotificationTemplate', "A notification type's template", "The platform's override in that language if one was saved, else the shipped template, with the sample data it is validated with.")
  @ApiOkResponse({ type: NotificationTemplateDto, description: 'The template' })
  @ApiProblems(400, 403, 404)
  async template(@Param('type') type: string, @Query() query: NotificationTemplateQueryDto, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'notifications', method: 'GET', path: `${INTERNAL}/notification-templates/${notificationType(type)}${queryString(query)}` });
  }

  @Put('notification-templates/:type')
  @PlatformOperation('putNotificationTemplate', "Override a notification type's template", 'Handlebars subject, HTML and text for one language; each part must render with the sample data, or 400 names it and nothing is saved.')
  @ApiBody({ type: PutNotificationTemplateDto })
  @ApiOkResponse({ type: NotificationTemplateDto, description: 'The template as saved' })
  @ApiProblems(400, 403, 404)
  async putTemplate(@Param('type') type: string, @Body() body: PutNotificationTemplateDto, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'notifications', method: 'PUT', path: `${INTERNAL}/notification-templates/${notificationType(type)}`, body });
  }

  @Delete('notification-templates/:type')
  @PlatformOperation('resetNotificationTemplate', "Remove the override of a notification type's template", 'The shipped template applies again in that language (`language`, default en). Answers the template now in force; removing an override that does not exist is not an error.')
  @ApiOkResponse({ type: NotificationTemplateDto, description: 'The template now in force (the shipped one)' })
  @ApiProblems(400, 403, 404)
  async resetTemplate(@Param('type') type: string, @Query() query: NotificationTemplateQueryDto, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'notifications', method: 'DELETE', path: `${INTERNAL}/notification-templates/${notificationType(type)}${queryString(query)}` });
  }
}
