/**
 * A tenant admin's batch, split at the gateway: events naming another tenant are answered
 * `rejected` / `unknown-tenant` here (whether that tenant exists is never revealed), the rest go
 * to metering, and the answers are put back at the indexes the client sent them at.
 */
import { UsageResult } from './dto/usage-view.dto';

export const FOREIGN_TENANT_REASON = 'unknown-tenant';

export interface SplitBatch {
  /** Events to forward, in their original order. */
  forwarded: Record<string, unknown>[];
  /** `positions[i]` is the client's index of `forwarded[i]`. */
  positions: number[];
  /** Answers decided at the gateway. */
  refused: UsageResult[];
}

function eventIdOf(event: Record<string, unknown>): string {
  return typeof event['eventId'] === 'string' ? event['eventId'] : '';
}

/** Events whose tenantId is a string other than the key's tenant are refused; anything else is metering's to judge. */
export function splitForTenant(events: readonly Record<string, unknown>[], tenantId: string): SplitBatch {
  const own = tenantId.toLowerCase();
  const split: SplitBatch = { forwarded: [], positions: [], refused: [] };
  events.forEach((event, index) => {
    const named = event['tenantId'];
    if (typeof named === 'string' && named.toLowerCase() !== own) {
      split.refused.push({ index, eventId: eventIdOf(event), status: 'rejected', reason: FOREIGN_TENANT_REASON });
      return;
    }
    split.forwarded.push(event);
    split.positions.push(index);
  });
  return split;
}

/** Metering's results (indexes into the forwarded list) and the gateway's refusals, by the client's index. */
export function mergeResults(split: SplitBatch, forwardedResults: readonly UsageResult[]): UsageResult[] {
  const moved = forwardedResults.map((result) => ({ ...result, index: split.positions[result.index] ?? result.index }));
  return [...moved, ...split.refused].sort((a, b) => a.index - b.index);
}

/** Validation errors name `events.<i>.<field>` of the forwarded list; renames them to the client's indexes. */
export function remapErrorFields(errors: readonly { field: string; message: string }[], split: SplitBatch): { field: string; message: string }[] {
  return errors.map((error) => {
    const match = /^events\.(\d+)(.*)$/.exec(error.field);
    const position = match ? split.positions[Number(match[1])] : undefined;
    return position === undefined ? error : { ...error, field: `events.${position}${match?.[2] ?? ''}` };
  });
}
