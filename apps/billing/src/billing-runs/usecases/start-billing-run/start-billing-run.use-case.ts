/**
 * Records a billing run and carries it out in the background (the route answers 202 at once; GET
 * /billing/runs/:id shows progress). Runs in flight are awaited at shutdown. `start` returns the
 * run record and a promise of its end, which the scheduler awaits.
 */
import { randomUUID } from 'node:crypto';
import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { Clock } from '@tenantry/service';
import { BillingRunRepository } from '../../billing-run.repository';
import { BillingRun } from '../../billing-run.row';
import { RunBillingCommand } from '../run-billing/run-billing.command';
import { RunBillingUseCase } from '../run-billing/run-billing.use-case';
import { StartBillingRunCommand } from './start-billing-run.command';

@Injectable()
export class StartBillingRunUseCase implements BeforeApplicationShutdown {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly runs: BillingRunRepository,
    private readonly runBilling: RunBillingUseCase,
    private readonly clock: Clock,
  ) {}

  async execute(command: StartBillingRunCommand): Promise<{ run: BillingRun; done: Promise<void> }> {
    const run: BillingRun = {
      id: randomUUID(), trigger: command.trigger, dryRun: command.dryRun, status: 'running', startedAt: this.clock.now(), finishedAt: null,
      subscriptions: 0, created: 0, updated: 0, unchanged: 0, finalized: 0, preview: null, error: null,
    };
    await this.runs.create(run);
    // The failure is recorded on the run (and logged); the background promise must not reject unhandled.
    const done = this.runBilling.execute(new RunBillingCommand(run.id, run.dryRun)).catch(() => undefined);
    this.inFlight.add(done);
    void done.finally(() => this.inFlight.delete(done));
    return { run, done };
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }
}
