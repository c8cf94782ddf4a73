/** Forwards a usage call to metering with the caller's identity; metering's answer comes back as it is. */
import { Injectable } from '@nestjs/common';
import { MeteringResponse, MeteringUpstream } from '../../metering-upstream';
import { ForwardUsageCommand } from './forward-usage.command';

@Injectable()
export class ForwardUsageUseCase {
  constructor(private readonly metering: MeteringUpstream) {}

  execute(command: ForwardUsageCommand): Promise<MeteringResponse> {
    return this.metering.send({
      method: command.method,
      path: command.path,
      principal: command.principal,
      requestId: command.requestId,
      body: command.body === undefined ? undefined : JSON.stringify(command.body),
    });
  }
}
