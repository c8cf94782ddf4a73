/**
 * The SSRF guard of webhook URLs: a URL whose host resolves to a loopback, private, link-local,
 * CGNAT, metadata, multicast or unspecified address is refused, unless the host is on
 * WEBHOOK_ALLOWED_HOSTS; HTTPS is required outside that list. It runs at registration and again
 * before every attempt, and the sender connects to the address checked here (never resolving the
 * name a second time), so a name that is re-pointed after the check (DNS rebinding) gets nowhere.
 */
import { BlockList, isIP } from 'node:net';
import { Injectable } from '@nestjs/common';
import { WebhooksConfig } from '../webhooks.config';
import { HostResolver, ResolvedAddress } from './host-resolver';

const FORBIDDEN = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network", 0.0.0.0
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // CGNAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata 169.254.169.254
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) FORBIDDEN.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
  ['fec0::', 10], // site-local (deprecated)
] as const) FORBIDDEN.addSubnet(network, prefix, 'ipv6');

/** The IPv4 address inside an IPv4-mapped or NAT64 IPv6 address (`::ffff:10.0.0.1`, `64:ff9b::a00:1`), if any. */
function embeddedIpv4(address: string): string | undefined {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (!hex?.[1] || !hex[2]) return undefined;
  const high = parseInt(hex[1], 16);
  const low = parseInt(hex[2], 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** Why an address may not be called, or undefined when it is a public one. */
export function forbiddenAddressReason(address: string): string | undefined {
  const family = isIP(address);
  if (family === 0) return `${address} is not an IP address`;
  if (family === 6) {
    const v4 = embeddedIpv4(address);
    if (v4 !== undefined) return forbiddenAddressReason(v4);
    return FORBIDDEN.check(address, 'ipv6') ? `${address} is a loopback, private, link-local or reserved address` : undefined;
  }
  return FORBIDDEN.check(address, 'ipv4') ? `${address} is a loopback, private, link-local, CGNAT, metadata or reserved address` : undefined;
}

export type UrlCheck = { ok: true; url: URL; target: ResolvedAddress } | { ok: false; reason: string };

/** The host of a URL as the allow-list names it: lower case, IPv6 without brackets. */
function hostOf(url: URL): string {
  return url.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
}

@Injectable()
export class WebhookUrlGuard {
  private readonly allowed: ReadonlySet<string>;

  constructor(
    private readonly resolver: HostResolver,
    config: Pick<WebhooksConfig, 'WEBHOOK_ALLOWED_HOSTS'>,
  ) {
    this.allowed = new Set((config.WEBHOOK_ALLOWED_HOSTS ?? '').split(',').map((host) => host.trim().toLowerCase()).filter((host) => host.length > 0));
  }

  /** The URL and the one address to connect to, or why it may not be called. */
  async check(raw: string): Promise<UrlCheck> {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return { ok: false, reason: 'must be an absolute http(s) URL' };
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'must be an https URL' };
    if (url.username || url.password) return { ok: false, reason: 'must not contain credentials' };
    const host = hostOf(url);
    const allowListed = this.allowed.has(host);
    if (!allowListed && url.protocol !== 'https:') return { ok: false, reason: 'must use https (plain http only for hosts on WEBHOOK_ALLOWED_HOSTS)' };
    let addresses: ResolvedAddress[];
    try {
      addresses = await this.resolver.resolve(host);
    } catch {
      return { ok: false, reason: `${host} does not resolve` };
    }
    if (addresses.length === 0) return { ok: false, reason: `${host} does not resolve` };
    if (!allowListed) {
      // Every address must be public: a name with one private address among public ones is refused.
      for (const { address } of addresses) {
        const reason = forbiddenAddressReason(address);
        if (reason) return { ok: false, reason: `resolves to a forbidden address: ${reason}` };
      }
    }
    return { ok: true, url, target: addresses[0] as ResolvedAddress };
  }
}
