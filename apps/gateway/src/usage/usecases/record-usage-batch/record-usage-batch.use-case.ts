/**
 * POST /usage/batch. A platform key's batch goes to metering as one document. A tenant admin's
 * events for other tenants are refused here and only the rest are forwarded; metering's answer is
 * then re-indexed to the client's positions.
 */
import { Injectable } from '@nestjs/common';
import { MeteringResponse, MeteringUpstream } from '../../metering-upstream';
import { UsageResult } from '../../dto/usage-view.dto';
import { mergeResults, remapErrorFields, SplitBatch, splitForTenant } from '../../usage-batch';
import { isProblem } from '../../usage-reply';
import { RecordUsageBatchCommand } from './record-usage-batch.command';

const BATCH_PATH = '/internal/v1/usage/batch';

@Injectable()
export class RecordUsageBatchUseCase {
  constructor(private readonly metering: MeteringUpstream) {}

  async execute(command: RecordUsageBatchCommand): Promise<MeteringResponse> {
    const { principal, requestId, body } = command;
    const send = (events: unknown) => this.metering.send({ method: 'POST', path: BATCH_PATH, principal, requestId, body: JSON.stringify(events) });
    if (principal.role !== 'tenant-admin' || principal.tenantId === null) return send(body);

    const split = splitForTenant(body.events, principal.tenantId);
    if (split.refused.length === 0) return send(body);
    if (split.forwarded.length === 0) return accepted(split.refused);
    const response = await send({ events: split.forwarded });
    return reindexed(response, split);
  }
}

function accepted(results: UsageResult[]): MeteringResponse {
  return { status: 202, contentType: 'application/json; charset=utf-8', body: JSON.stringify({ results }) };
}

function reindexed(response: MeteringResponse, split: SplitBatch): MeteringResponse {
  try {
    const parsed = JSON.parse(response.body) as { results?: UsageResult[]; errors?: { field: string; message: string }[] };
    if (response.status === 202 && Array.isArray(parsed.results)) return accepted(mergeResults(split, parsed.results));
    if (isProblem(response) && Array.isArray(parsed.errors)) return { ...response, body: JSON.stringify({ ...parsed, errors: remapErrorFields(parsed.errors, split) }) };
  } catch {
    // Not JSON: pass it through as it came.
  }
  return response;
}
