import { DeliveryStatus } from '../../deliveries/delivery.repository';

export class ListNotificationsCommand {
  constructor(
    readonly filter: { tenantId?: string; type?: string; status?: DeliveryStatus; cursor?: string },
    readonly limit: number,
  ) {}
}
