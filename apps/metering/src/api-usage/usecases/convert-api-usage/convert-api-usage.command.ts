/** The new ApiUsageSampled events of one consumer batch. */
import { ApiUsageSample } from '../../api-usage-conversion';

export class ConvertApiUsageCommand {
  constructor(
    readonly samples: readonly ApiUsageSample[]
  ) {}
}
