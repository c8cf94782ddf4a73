/** Sends a caller's request to the owning service with the identity headers the internal APIs expect. */
import { Injectable } from '@nestjs/common';
import { UpstreamClient, UpstreamResponse } from '../../upstream/upstream-client';
import { ForwardRequestCommand } from './forward-request.command';

@Injectable()
export class ForwardRequestUseCase {
  constructor(private readonly client: UpstreamClient) {}

  execute(command: ForwardRequestCommand): Promise<UpstreamResponse> {
    const headers: Record<string, string> = {
      accept: 'application/json, application/problem+json, application/gzip',
      'x-request-id': command.requestId,
      'x-tenantry-actor': `key:${command.principal.keyId}`,
      'x-tenantry-role': command.principal.role,
    };
    if (command.ifMatch) headers['if-match'] = command.ifMatch;
    let body: string | undefined;
    if (command.body !== undefined) {
      body = JSON.stringify(command.body);
      headers['content-type'] = 'application/json';
    }
    return this.client.send({ upstream: command.upstream, method: command.method, path: command.path, headers, body });
  }
}
