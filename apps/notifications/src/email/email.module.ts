/** Email notifications: the tenant directory, delivery planning from events, the SMTP sender, preferences, templates and the log. */
import { Module } from '@nestjs/common';
import { NotificationsConfig } from '../notifications.config';
import { DeliveryRepository } from './deliveries/delivery.repository';
import { PostgresDeliveryRepository } from './deliveries/postgres-delivery.repository';
import { PostgresTenantDirectory } from './directory/postgres-tenant-directory.repository';
import { TenantDirectory } from './directory/tenant-directory.repository';
import { EmailController } from './email.controller';
import { EmailEventsConsumer } from './email-events.consumer';
import { MailSenderScheduler } from './mail-sender.scheduler';
import { BillingInvoicePdfSource } from './invoices/billing-invoice-pdf-source';
import { InvoicePdfSource } from './invoices/invoice-pdf-source';
import { Mailer } from './mail/mailer';
import { SmtpMailer } from './mail/smtp-mailer';
import { PostgresPreferenceRepository } from './preferences/postgres-preference.repository';
import { PreferenceRepository } from './preferences/preference.repository';
import { UnsubscribeTokens } from './preferences/unsubscribe-token';
import { PostgresTemplateOverrideRepository } from './templates/postgres-template-override.repository';
import { TemplateOverrideRepository } from './templates/template-override.repository';
import { TemplateRenderer } from './templates/template-renderer';
import { GetPreferencesUseCase } from './usecases/get-preferences/get-preferences.use-case';
import { GetTemplateUseCase } from './usecases/get-template/get-template.use-case';
import { ListNotificationsUseCase } from './usecases/list-notifications/list-notifications.use-case';
import { PlanNotificationUseCase } from './usecases/plan-notification/plan-notification.use-case';
import { ProjectTenantUseCase } from './usecases/project-tenant/project-tenant.use-case';
import { ResetTemplateUseCase } from './usecases/reset-template/reset-template.use-case';
import { SaveTemplateUseCase } from './usecases/save-template/save-template.use-case';
import { SendDueMailsUseCase } from './usecases/send-due-mails/send-due-mails.use-case';
import { SetPreferencesUseCase } from './usecases/set-preferences/set-preferences.use-case';
import { UnsubscribeUseCase } from './usecases/unsubscribe/unsubscribe.use-case';

@Module({
  controllers: [EmailController],
  providers: [
    { provide: TenantDirectory, useClass: PostgresTenantDirectory },
    { provide: DeliveryRepository, useClass: PostgresDeliveryRepository },
    { provide: PreferenceRepository, useClass: PostgresPreferenceRepository },
    { provide: TemplateOverrideRepository, useClass: PostgresTemplateOverrideRepository },
    { provide: Mailer, useClass: SmtpMailer },
    { provide: InvoicePdfSource, useClass: BillingInvoicePdfSource },
    { provide: TemplateRenderer, useFactory: () => new TemplateRenderer() },
    { provide: UnsubscribeTokens, useFactory: (config: NotificationsConfig) => new UnsubscribeTokens(config.NOTIFY_UNSUBSCRIBE_KEY), inject: [NotificationsConfig] },
    EmailEventsConsumer,
    MailSenderScheduler,
    ProjectTenantUseCase,
    PlanNotificationUseCase,
    SendDueMailsUseCase,
    ListNotificationsUseCase,
    GetPreferencesUseCase,
    SetPreferencesUseCase,
    GetTemplateUseCase,
    SaveTemplateUseCase,
    ResetTemplateUseCase,
    UnsubscribeUseCase,
  ],
})
export class EmailModule {}
