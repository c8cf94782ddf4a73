/** Writes metering's answer to the caller: status and body as they came, problems given the public `instance`. */
import { PROBLEM_CONTENT_TYPE } from '@tenantry/service';
import { withInstance } from '../tenants/upstream/proxy-reply';
import { MeteringResponse } from './metering-upstream';

export interface ReplyLike {
  status(code: number): ReplyLike;
  header(name: string, value: string): ReplyLike;
  send(body?: unknown): unknown;
}

export function isProblem(response: MeteringResponse): boolean {
  return response.contentType.startsWith(PROBLEM_CONTENT_TYPE);
}

export function sendMeteringAnswer(reply: ReplyLike, response: MeteringResponse, instance: string): void {
  reply.status(response.status).header('content-type', response.contentType);
  reply.send(isProblem(response) ? withInstance(response.body, instance) : response.body);
}

