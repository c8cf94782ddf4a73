/** Name resolution as a port, so the SSRF guard can be tested with names that resolve anywhere. */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { Injectable } from '@nestjs/common';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export abstract class HostResolver {
  /** Every address `host` resolves to; throws when it resolves to none. */
  abstract resolve(host: string): Promise<ResolvedAddress[]>;
}

/** A name that does not resolve within this counts as not resolving (a registration or an attempt never waits on a slow resolver for long). */
export const RESOLVE_TIMEOUT_MS = 2_000;

@Injectable()
export class DnsHostResolver extends HostResolver {
  async resolve(host: string): Promise<ResolvedAddress[]> {
    const family = isIP(host);
    if (family !== 0) return [{ address: host, family: family as 4 | 6 }];
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${host} did not resolve within ${RESOLVE_TIMEOUT_MS} ms`)), RESOLVE_TIMEOUT_MS);
    });
    try {
      const found = await Promise.race([lookup(host, { all: true, verbatim: true }), timeout]);
      return found.map((entry) => ({ address: entry.address, family: entry.family === 6 ? 6 : 4 }));
    } finally {
      clearTimeout(timer);
    }
  }
}
