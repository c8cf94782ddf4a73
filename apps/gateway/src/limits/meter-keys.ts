/**
 * Whether the meters a limits body names exist. Metering owns the meters, so the gateway asks it
 * (`GET /internal/v1/meters`, one call per body) before the registry stores the limits: the registry
 * keeps no knowledge of meters and no dependency on metering, and meters are never deleted, so a key
 * found here stays defined. A call to the registry's internal API that skips the gateway is trusted
 * like every internal call: a limit on a key metering does not know would only never be reached.
 */
import { Injectable } from '@nestjs/common';
import { FieldProblem } from '@tenantry/service';
import { meterKeyProblem } from '@tenantry/tenant-api';
import { Caller, parseDocument, UpstreamProxy, UpstreamReply } from '../upstream';

/** The well-formed keys of a body's `meters` (bad ones are the DTO's to name). */
export function meterKeysOf(body: unknown): string[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return [];
  const meters = (body as Record<string, unknown>)['meters'];
  if (typeof meters !== 'object' || meters === null || Array.isArray(meters)) return [];
  return Object.keys(meters).filter((key) => meterKeyProblem(key) === null);
}

export type MeterCheck = { problems: FieldProblem[] } | { reply: UpstreamReply };

@Injectable()
export class MeterKeys {
  constructor(private readonly upstream: UpstreamProxy) {}

  /** The keys that name no meter as field problems (`<prefix>meters.<key>`), or metering's own answer when it could not tell (e.g. 503). */
  async undefinedIn(caller: Caller, body: unknown, prefix = ''): Promise<MeterCheck> {
    const keys = meterKeysOf(body);
    if (keys.length === 0) return { problems: [] };
    const answer = await this.upstream.read(caller, { upstream: 'metering', method: 'GET', path: '/internal/v1/meters' });
    if (answer.status !== 200) return { reply: answer };
    const listed = parseDocument(answer.body)?.['meters'];
    const defined = new Set(Array.isArray(listed) ? listed.map((meter) => (meter as { key?: unknown }).key) : []);
    const problems = keys
      .filter((key) => !defined.has(key))
      .map((key) => ({ field: `${prefix}meters.${key}`, message: `no meter ${key} is defined (GET /meters lists them; POST /meters defines one)` }));
    return { problems };
  }
}
