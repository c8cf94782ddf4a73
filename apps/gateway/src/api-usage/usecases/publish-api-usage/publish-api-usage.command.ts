/** One sample of API usage (the counts of every tenant with activity) to publish. */
import { ApiUsageSample } from '../../api-usage-counters';

export class PublishApiUsageCommand {
  constructor(readonly sample: ApiUsageSample) {}
}
