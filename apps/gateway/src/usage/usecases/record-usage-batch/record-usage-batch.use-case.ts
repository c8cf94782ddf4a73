/**
 * POST /usage/batch. A platform key's batch goes to metering as one document. A tenant admin's
 * events for other tenants are refused here and only the rest are forwarded; metering's answer is
 * then re-indexed to the client's positions.
 */
import { Injectable } from '@nestjs/common';
import { BufferedReply, isProblem, jsonReply, parseDocument, UpstreamCall, UpstreamProxy, UpstreamReply } from '../../../upstream';
import { UsageResult } from '../../dto/usage-view.dto';
import { mergeResults, remapErrorFields, SplitBatch, splitForTenant } from '../../usage-batch';
import { RecordUsageBatchCommand } from './record-usage-batch.command';

const batchCall = (events: unknown): UpstreamCall => ({ upstream: 'metering', method: 'POST', path: '/internal/v1/usage/batch', body: events });

@Injectable()
export class RecordUsageBatchUseCase {
  constructor(private readonly upstream: UpstreamProxy) {}

  async execute(command: RecordUsageBatchCommand): Promise<UpstreamReply> {
    const { caller, body } = command;
    const { principal } = caller;
    if (principal.role !== 'tenant-admin' || principal.tenantId === null) return this.upstream.forward(caller, batchCall(body));

    const split = splitForTenant(body.events, principal.tenantId);
    if (split.refused.length === 0) return this.upstream.forward(caller, batchCall(body));
    if (split.forwarded.length === 0) return accepted(split.refused);
    return reindexed(await this.upstream.read(caller, batchCall({ events: split.forwarded })), split);
  }
}

function accepted(results: UsageResult[]): UpstreamReply {
  return jsonReply(202, { results }, 'application/json; charset=utf-8');
}

function reindexed(reply: BufferedReply, split: SplitBatch): UpstreamReply {
  const parsed = parseDocument(reply.body) as { results?: UsageResult[]; errors?: { field: string; message: string }[] } | undefined;
  if (reply.status === 202 && Array.isArray(parsed?.results)) return accepted(mergeResults(split, parsed.results));
  if (isProblem(reply.headers) && Array.isArray(parsed?.errors)) return { ...reply, body: { ...parsed, errors: remapErrorFields(parsed.errors, split) } };
  // Not what metering answers: pass it through as it came.
  return reply;
}
