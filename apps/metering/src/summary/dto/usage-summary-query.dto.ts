/** Query of the cross-tenant usage summary: the shared rules; the use case refuses a key that is no meter. */
import { UsageSummaryQueryDto as SharedUsageSummaryQueryDto } from '@tenantry/usage-api';

export class UsageSummaryQueryDto extends SharedUsageSummaryQueryDto {}
