/** The new ApiUsageSampled events of one consumer batch, converted in the consumer's transaction. */
import { EntityManager } from 'typeorm';
import { ApiUsageSample } from '../../api-usage-conversion';

export class ConvertApiUsageCommand {
  constructor(
    readonly samples: readonly ApiUsageSample[],
    readonly tx: EntityManager,
  ) {}
}
