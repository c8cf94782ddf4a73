/** The checks an endpoint's URL and event types pass before they are stored, each naming its field. */
import { Injectable } from '@nestjs/common';
import { invalidField } from '@tenantry/service';
import { WebhookUrlGuard } from '../ssrf/webhook-url-guard';
import { unknownPattern } from './event-type-patterns';

@Injectable()
export class EndpointInput {
  constructor(private readonly guard: WebhookUrlGuard) {}

  async checkUrl(url: string): Promise<string> {
    const check = await this.guard.check(url);
    if (!check.ok) throw invalidField('url', check.reason);
    return check.url.toString();
  }

  checkEventTypes(patterns: readonly string[]): string[] {
    const unknown = unknownPattern(patterns);
    if (unknown) throw invalidField(`eventTypes[${unknown.index}]`, `${unknown.pattern} names no event type of the catalogue (docs/asyncapi.yaml)`);
    return [...new Set(patterns)];
  }
}
