/**
 * Sends every mail that is due. Each one (or each digest: a recipient's due usage alerts about one
 * tenant) is first claimed with a lease in its own committed transaction, then rendered and sent with
 * the Message-ID `<delivery id@domain>`, then marked delivered with NotificationDelivered in one
 * transaction. A temporary SMTP failure (4xx, no connection) is retried with exponential backoff
 * and jitter up to NOTIFY_MAX_ATTEMPTS; a permanent one (5xx) or the last attempt marks the rows
 * failed with NotificationFailed. A process killed between the SMTP acceptance and that commit
 * leaves the rows claimed: after the lease they are sent again with the same Message-ID (the one
 * case a mail can arrive twice; receivers collapse it by Message-ID), never with a new one.
 * An invoice-issued mail carries the invoice PDF, fetched from billing before it is composed: billing
 * unreachable, 5xx or a timeout is a temporary failure like a 4xx reply; 404 fails it at once. It is
 * never sent without the attachment.
 */
import { Inject, Injectable } from '@nestjs/common';
import { deriveInvitationToken } from '@tenantry/internal-auth';
import { OutboxWriter } from '@tenantry/messaging';
import type { Logger } from '@tenantry/observability';
import { Transactions } from '@tenantry/persistence';
import { LOGGER } from '@tenantry/service';
import { NotificationsConfig } from '../../../notifications.config';
import { Delivery, DeliveryRepository } from '../../deliveries/delivery.repository';
import { TenantDirectory } from '../../directory/tenant-directory.repository';
import { InvoicePdfError, InvoicePdfSource } from '../../invoices/invoice-pdf-source';
import { Mailer, MailSendError, OutgoingMail } from '../../mail/mailer';
import { isNotificationType, NOTIFICATION_TYPES } from '../../notification-types';
import { UnsubscribeTokens } from '../../preferences/unsubscribe-token';
import { BUILTIN_TEMPLATES, languageOf } from '../../templates/builtin-templates';
import { TemplateOverrideRepository } from '../../templates/template-override.repository';
import { TemplateRenderer } from '../../templates/template-renderer';
import { SendDueMailsCommand } from './send-due-mails.command';

const BATCH = 200;
const MAX_BACKOFF_MS = 3_600_000;

@Injectable()
export class SendDueMailsUseCase {
  private readonly domain: string;

  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly directory: TenantDirectory,
    private readonly overrides: TemplateOverrideRepository,
    private readonly renderer: TemplateRenderer,
    private readonly mailer: Mailer,
    private readonly invoicePdfs: InvoicePdfSource,
    private readonly unsubscribe: UnsubscribeTokens,
    private readonly transactions: Transactions,
    private readonly outbox: OutboxWriter,
    private readonly config: NotificationsConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.domain = /@([^>\s]+)>?\s*$/.exec(config.NOTIFY_FROM)?.[1] ?? 'tenantry.local';
  }

  /** Returns how many mails were sent. */
  async execute(command: SendDueMailsCommand): Promise<number> {
    const due = await this.deliveries.due(command.now, BATCH);
    const groups = new Map<string, string[]>();
    for (const row of due) {
      const definition = isNotificationType(row.type) ? NOTIFICATION_TYPES[row.type] : undefined;
      const key = definition && 'digest' in definition && definition.digest && row.tenantId ? `digest:${row.recipient}:${row.tenantId}:${row.category}` : row.id;
      groups.set(key, [...(groups.get(key) ?? []), row.id]);
    }
    let sent = 0;
    for (const ids of groups.values()) {
      const leaseUntil = new Date(command.now.getTime() + this.config.NOTIFY_LEASE_SECONDS * 1000);
      const claimed = await this.transactions.run((tx) => this.deliveries.claim(tx, ids, command.now, leaseUntil));
      if (claimed.length === 0) continue;
      if (await this.sendOne(claimed, command.now)) sent += 1;
    }
    return sent;
  }

  private async sendOne(rows: Delivery[], now: Date): Promise<boolean> {
    const lead = rows[0] as Delivery;
    const ids = rows.map((r) => r.id);
    const messageId = `<${lead.id}@${this.domain}>`;
    const attempts = Math.max(...rows.map((r) => r.attempts));
    let mail: OutgoingMail;
    try {
      mail = await this.compose(rows, messageId);
    } catch (error) {
      if (error instanceof InvoicePdfError) {
        await this.retryOrFail(rows, new MailSendError(error.message, error.temporary), attempts, now);
        return false;
      }
      await this.fail(rows, `could not render: ${error instanceof Error ? error.message : String(error)}`, attempts, now);
      return false;
    }
    try {
      await this.mailer.send(mail);
    } catch (error) {
      await this.retryOrFail(rows, error instanceof MailSendError ? error : new MailSendError(String(error), true), attempts, now);
      return false;
    }
    await this.transactions.run(async (tx) => {
      await this.deliveries.delivered(tx, ids, messageId, now);
      await this.outbox.publishMany(tx, rows.map((r) => ({ type: 'NotificationDelivered' as const, payload: { ...(r.tenantId ? { tenantId: r.tenantId } : {}), notificationId: r.id, channel: 'email' as const, deliveredAt: now.toISOString() } })));
    });
    return true;
  }

  /** A temporary failure is tried again with backoff until NOTIFY_MAX_ATTEMPTS; a permanent one or the last attempt fails the rows. */
  private async retryOrFail(rows: Delivery[], failure: MailSendError, attempts: number, now: Date): Promise<void> {
    const ids = rows.map((r) => r.id);
    if (failure.temporary && attempts < this.config.NOTIFY_MAX_ATTEMPTS) {
      const delay = Math.min(MAX_BACKOFF_MS, this.config.NOTIFY_RETRY_BASE_MS * 2 ** (attempts - 1)) * (0.8 + Math.random() * 0.4);
      await this.transactions.run((tx) => this.deliveries.retryLater(tx, ids, failure.message, new Date(now.getTime() + delay)));
      this.logger.warn({ deliveryIds: ids, attempts, responseCode: failure.responseCode, reason: failure.message }, 'mail not sent for now; retried later');
    } else {
      await this.fail(rows, failure.message, attempts, now);
    }
  }

  private async fail(rows: Delivery[], reason: string, attempts: number, now: Date): Promise<void> {
    const ids = rows.map((r) => r.id);
    await this.transactions.run(async (tx) => {
      await this.deliveries.failed(tx, ids, reason.slice(0, 1000));
      await this.outbox.publishMany(tx, rows.map((r) => ({
        type: 'NotificationFailed' as const,
        payload: { ...(r.tenantId ? { tenantId: r.tenantId } : {}), notificationId: r.id, channel: 'email' as const, reason: reason.slice(0, 1000), attempts: Math.max(1, attempts), at: now.toISOString() },
      })));
    });
    this.logger.warn({ deliveryIds: ids, attempts, reason }, 'mail failed for good');
  }

  private async compose(rows: Delivery[], messageId: string): Promise<OutgoingMail> {
    const lead = rows[0] as Delivery;
    if (!isNotificationType(lead.type)) throw new Error(`unknown notification type ${lead.type}`);
    const definition = NOTIFICATION_TYPES[lead.type];
    const tenantId = lead.tenantId ?? (typeof lead.data['tenantId'] === 'string' ? lead.data['tenantId'] : undefined);
    const entry = tenantId ? await this.directory.get(tenantId) : undefined;
    const toOperators = definition.audience === 'operators' || (definition.audience === 'owner' && !lead.tenantId);
    const language = languageOf(toOperators ? 'en' : entry?.language);
    const name = entry?.name ?? entry?.hostname ?? (tenantId ? `tenant ${tenantId}` : 'Tenantry');
    const branding = toOperators || !entry ? { name } : { name, ...entry.branding };
    let data: Record<string, unknown> = { ...lead.data };
    if (lead.type === 'usage-alert') {
      const alerts = rows.flatMap((r) => (Array.isArray(r.data['alerts']) ? (r.data['alerts'] as unknown[]) : []));
      data = { alerts, many: alerts.length > 1 };
    }
    if (lead.type === 'welcome' || lead.type === 'user-invited') {
      // Derived here, at send time, from INVITATION_KEY: never stored, logged or published.
      const token = deriveInvitationToken(this.config.INVITATION_KEY, { tenantId: lead.tenantId ?? '', email: lead.recipient, expiresAt: String(data['expiresAt']) });
      data['invitationUrl'] = this.config.NOTIFY_INVITATION_URL.replace('{host}', String(data['hostname'] ?? '')).replace('{token}', token);
    }
    const parts = (await this.overrides.get(lead.type, language)) ?? BUILTIN_TEMPLATES[language][lead.type];
    const unsubscribeUrl = !definition.critical && lead.tenantId
      ? `${this.config.NOTIFY_PUBLIC_URL.replace(/\/$/, '')}/api/v1/platform/unsubscribe?token=${this.unsubscribe.mint({ tenantId: lead.tenantId, recipient: lead.recipient, category: lead.category })}`
      : undefined;
    const rendered = this.renderer.render({ parts, language, branding, data, ...(unsubscribeUrl ? { unsubscribeUrl } : {}) });
    const headers: Record<string, string> = { 'Auto-Submitted': 'auto-generated', 'X-Tenantry-Notification': lead.type };
    if (unsubscribeUrl) {
      headers['List-Unsubscribe'] = `<${unsubscribeUrl}>`;
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    }
    const attachments: NonNullable<OutgoingMail['attachments']> = [];
    if (lead.type === 'invoice-issued') {
      // Fetched at every attempt (never stored here); without it the mail is not sent.
      if (!lead.tenantId || typeof data['invoiceId'] !== 'string') throw new InvoicePdfError('invoice PDF unavailable: the mail names no invoice', false);
      const pdf = await this.invoicePdfs.fetch(lead.tenantId, data['invoiceId']);
      attachments.push({ filename: pdf.filename, content: pdf.content, contentType: 'application/pdf' });
    }
    return { from: this.config.NOTIFY_FROM, to: lead.recipient, subject: rendered.subject, html: rendered.html, text: rendered.text, messageId, headers, ...(attachments.length > 0 ? { attachments } : {}) };
  }
}
