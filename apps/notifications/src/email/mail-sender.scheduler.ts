/** Runs the sender every NOTIFY_SEND_INTERVAL_MS (and at start). */
import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from '@tenantry/observability';
import { Clock, LOGGER, PeriodicJob } from '@tenantry/service';
import { NotificationsConfig } from '../notifications.config';
import { SendDueMailsCommand } from './usecases/send-due-mails/send-due-mails.command';
import { SendDueMailsUseCase } from './usecases/send-due-mails/send-due-mails.use-case';

@Injectable()
export class MailSenderScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(send: SendDueMailsUseCase, clock: Clock, config: NotificationsConfig, @Inject(LOGGER) logger: Logger) {
    this.job = new PeriodicJob({ name: 'mail sender', intervalMs: config.NOTIFY_SEND_INTERVAL_MS }, async () => {
      // Until nothing is due: a backlog drains at SMTP speed, not one batch per interval.
      while ((await send.execute(new SendDueMailsCommand(clock.now()))) > 0);
    }, logger);
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }
}
