/** Mails over SMTP to SMTP_URL with nodemailer (pooled connections). */
import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import { NotificationsConfig } from '../../notifications.config';
import { Mailer, MailSendError, OutgoingMail } from './mailer';

@Injectable()
export class SmtpMailer extends Mailer implements BeforeApplicationShutdown {
  private readonly transport: Transporter;

  constructor(config: NotificationsConfig) {
    super();
    this.transport = nodemailer.createTransport({ url: config.SMTP_URL, pool: true, maxConnections: 2, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as never);
  }

  async send(mail: OutgoingMail): Promise<void> {
    try {
      await this.transport.sendMail({ from: mail.from, to: mail.to, subject: mail.subject, html: mail.html, text: mail.text, messageId: mail.messageId, headers: mail.headers, ...(mail.attachments ? { attachments: mail.attachments } : {}) });
    } catch (error) {
      const code = (error as { responseCode?: unknown }).responseCode;
      const responseCode = typeof code === 'number' ? code : undefined;
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      // No SMTP reply (refused connection, timeout, TLS) is temporary like a 4xx; only a 5xx is final.
      throw new MailSendError(message, responseCode === undefined || responseCode < 500, responseCode);
    }
  }

  beforeApplicationShutdown(): void {
    this.transport.close();
  }
}
