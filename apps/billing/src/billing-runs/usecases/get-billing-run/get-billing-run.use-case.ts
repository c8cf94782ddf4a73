/** A billing run with its progress, or 404 not-found. */
import { Injectable } from '@nestjs/common';
import { COMMON_PROBLEMS } from '@tenantry/service';
import { BillingRunRepository } from '../../billing-run.repository';
import { BillingRun } from '../../billing-run.row';
import { GetBillingRunCommand } from './get-billing-run.command';

@Injectable()
export class GetBillingRunUseCase {
  constructor(private readonly runs: BillingRunRepository) {}

  async execute(command: GetBillingRunCommand): Promise<BillingRun> {
    const run = await this.runs.find(command.runId);
    if (!run) throw COMMON_PROBLEMS['not-found'](`There is no billing run ${command.runId}`, { runId: command.runId });
    return run;
  }
}
