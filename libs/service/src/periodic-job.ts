/** A background job a service runs on an interval: one run at a time, failures logged, and stop() waits for a run in flight. */
import { Logger } from '@tenantry/observability';

export interface PeriodicJobOptions {
  /** Names the job in log lines. */
  name: string;
  intervalMs: number;
  /** Also run once as soon as the job starts (default true). */
  runAtStart?: boolean;
}

export class PeriodicJob {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly options: PeriodicJobOptions,
    private readonly task: () => Promise<void>,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), this.options.intervalMs);
    this.timer.unref();
    if (this.options.runAtStart !== false) this.tick();
  }

  /** Stops the timer and lets a run in flight finish, so it never outlives the database. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.task()
      .catch((error: unknown) => this.logger.error({ err: error, job: this.options.name }, `${this.options.name} failed; retrying at the next interval`))
      .finally(() => {
        this.running = undefined;
      });
  }
}
