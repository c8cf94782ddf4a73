/** Counts every answered call of the public API against the tenant it belongs to. */
import { Injectable } from '@nestjs/common';
import { ApiUsageCounters } from './api-usage-counters';
import { attributeRequest } from './attribution';
import { TrafficObserver } from './traffic-hooks';

@Injectable()
export class ApiUsageRecorder {
  constructor(traffic: TrafficObserver, counters: ApiUsageCounters) {
    traffic.subscribe((call) => {
      const tenantId = attributeRequest(call.request);
      if (tenantId !== undefined) counters.count(tenantId, call.requestBytes, call.responseBytes);
    });
  }
}
