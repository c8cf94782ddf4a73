/** The email routes of the internal API (docs/internal-api.md): the mail log, preferences, template overrides, one-click unsubscribe. */
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  NOTIFICATION_STATUSES,
  NotificationListDto,
  NotificationPreferencesDto,
  NotificationStatus,
  NotificationTemplateDto,
  PREFERENCE_CATEGORIES,
  PutNotificationTemplateDto,
  SetNotificationPreferencesDto,
  UnsubscribeResultDto,
} from '@tenantry/notifications-api';
import { Caller, FieldProblem, InternalCaller, invalidField, invalidFields, isUuid, UuidParamPipe } from '@tenantry/service';
import { isNotificationType } from './notification-types';
import { toNotificationList, toPreferences, toTemplate } from './notification.mapper';
import { GetPreferencesCommand } from './usecases/get-preferences/get-preferences.command';
import { GetPreferencesUseCase } from './usecases/get-preferences/get-preferences.use-case';
import { GetTemplateCommand } from './usecases/get-template/get-template.command';
import { GetTemplateUseCase } from './usecases/get-template/get-template.use-case';
import { ListNotificationsCommand } from './usecases/list-notifications/list-notifications.command';
import { ListNotificationsUseCase } from './usecases/list-notifications/list-notifications.use-case';
import { ResetTemplateCommand } from './usecases/reset-template/reset-template.command';
import { ResetTemplateUseCase } from './usecases/reset-template/reset-template.use-case';
import { SaveTemplateCommand } from './usecases/save-template/save-template.command';
import { SaveTemplateUseCase } from './usecases/save-template/save-template.use-case';
import { SetPreferencesCommand } from './usecases/set-preferences/set-preferences.command';
import { SetPreferencesUseCase } from './usecases/set-preferences/set-preferences.use-case';
import { UnsubscribeCommand } from './usecases/unsubscribe/unsubscribe.command';
import { UnsubscribeUseCase } from './usecases/unsubscribe/unsubscribe.use-case';

const LANGUAGE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

@Controller('internal/v1')
export class EmailController {
  constructor(
    private readonly listNotifications: ListNotificationsUseCase,
    private readonly getPreferences: GetPreferencesUseCase,
    private readonly setPreferences: SetPreferencesUseCase,
    private readonly getTemplate: GetTemplateUseCase,
    private readonly saveTemplate: SaveTemplateUseCase,
    private readonly resetTemplateUseCase: ResetTemplateUseCase,
    private readonly unsubscribeUseCase: UnsubscribeUseCase,
  ) {}

  @Get('notifications')
  async list(@Query() query: Record<string, unknown>): Promise<NotificationListDto> {
    const problems: FieldProblem[] = [];
    const text = (name: string): string | undefined => {
      const value = query[name];
      if (value === undefined) return undefined;
      if (typeof value !== 'string') problems.push({ field: name, message: 'must be given once' });
      return typeof value === 'string' ? value : undefined;
    };
    const tenantId = text('tenantId');
    const type = text('type');
    const status = text('status');
    const cursor = text('cursor');
    const limitText = text('limit');
    if (tenantId !== undefined && !isUuid(tenantId)) problems.push({ field: 'tenantId', message: 'must be a UUID' });
    if (type !== undefined && !isNotificationType(type)) problems.push({ field: 'type', message: 'must be a notification type' });
    if (status !== undefined && !(NOTIFICATION_STATUSES as readonly string[]).includes(status)) problems.push({ field: 'status', message: `must be one of ${NOTIFICATION_STATUSES.join(', ')}` });
    if (cursor !== undefined && !/^[1-9]\d{0,17}$/.test(cursor)) problems.push({ field: 'cursor', message: 'must be a cursor from nextCursor' });
    const limit = limitText === undefined ? 50 : Number(limitText);
    if (limitText !== undefined && (!/^\d{1,3}$/.test(limitText) || limit < 1 || limit > 200)) problems.push({ field: 'limit', message: 'must be an integer from 1 to 200' });
    if (problems.length > 0) throw invalidFields(problems);
    const filter = { ...(tenantId ? { tenantId } : {}), ...(type ? { type } : {}), ...(status ? { status: status as NotificationStatus } : {}), ...(cursor ? { cursor } : {}) };
    return toNotificationList(await this.listNotifications.execute(new ListNotificationsCommand(filter, limit)));
  }

  @Get('tenants/:id/notification-preferences')
  async preferences(@Param('id', UuidParamPipe) id: string): Promise<NotificationPreferencesDto> {
    return toPreferences(await this.getPreferences.execute(new GetPreferencesCommand(id)));
  }

  @Put('tenants/:id/notification-preferences')
  async updatePreferences(@Param('id', UuidParamPipe) id: string, @Body() body: SetNotificationPreferencesDto): Promise<NotificationPreferencesDto> {
    const categories = body.categories as unknown as Record<string, unknown>;
    const problems: FieldProblem[] = [];
    for (const [name, value] of Object.entries(categories)) {
      if (!(PREFERENCE_CATEGORIES as readonly string[]).includes(name)) problems.push({ field: `categories.${name}`, message: `is not a category that can be switched (${PREFERENCE_CATEGORIES.join(', ')}); critical mails cannot be switched off` });
      else if (typeof value !== 'boolean') problems.push({ field: `categories.${name}`, message: 'must be a boolean' });
    }
    if (problems.length > 0) throw invalidFields(problems);
    return toPreferences(await this.setPreferences.execute(new SetPreferencesCommand(id, body.recipient, categories as Record<string, boolean>)));
  }

  @Get('notification-templates/:type')
  async template(@Param('type') type: string, @Query('language') language: unknown): Promise<NotificationTemplateDto> {
    return toTemplate(await this.getTemplate.execute(new GetTemplateCommand(type, this.language(language))));
  }

  @Put('notification-templates/:type')
  async putTemplate(@Param('type') type: string, @Body() body: PutNotificationTemplateDto, @Caller() caller: InternalCaller): Promise<NotificationTemplateDto> {
    return toTemplate(await this.saveTemplate.execute(new SaveTemplateCommand(type, body.language ?? 'en', { subject: body.subject, html: body.html, text: body.text }, caller.actor)));
  }

  @Delete('notification-templates/:type')
  async resetTemplate(@Param('type') type: string, @Query('language') language: unknown): Promise<NotificationTemplateDto> {
    return toTemplate(await this.resetTemplateUseCase.execute(new ResetTemplateCommand(type, this.language(language))));
  }

  /** RFC 8058 one-click: the token is the whole authority (the gateway forwards it without an API key). */
  @Post('unsubscribe')
  @HttpCode(200)
  async unsubscribe(@Query('token') token: unknown): Promise<UnsubscribeResultDto> {
    if (typeof token !== 'string' || token === '') throw invalidField('token', 'is required, once');
    return this.unsubscribeUseCase.execute(new UnsubscribeCommand(token));
  }

  /** The link's confirmation page asks what a token would switch off: checked, nothing changed. */
  @Get('unsubscribe')
  async checkUnsubscribe(@Query('token') token: unknown): Promise<UnsubscribeResultDto> {
    if (typeof token !== 'string' || token === '') throw invalidField('token', 'is required, once');
    return this.unsubscribeUseCase.execute(new UnsubscribeCommand(token, false));
  }

  private language(value: unknown): string {
    if (value === undefined) return 'en';
    if (typeof value !== 'string' || !LANGUAGE.test(value)) throw invalidField('language', 'must be a language tag such as en or de-AT');
    return value;
  }
}
