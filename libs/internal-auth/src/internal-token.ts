/**
 * Service-to-service tokens: the gateway signs one short-lived compact JWS (EdDSA over Ed25519) per
 * internal call, naming the calling principal and the one service it is for; every internal service
 * verifies it with public keys only, so no service but the gateway can mint one. Several verify keys
 * (by key id) let the signing key be rotated without downtime.
 */
import { createPrivateKey, createPublicKey, KeyObject, randomUUID, sign, verify } from 'node:crypto';

/** `iss` of every token: only the gateway signs. */
export const INTERNAL_TOKEN_ISSUER = 'tenantry-gateway';
/** `typ` of the header: a token of another kind signed with the same key is not one of ours. */
export const INTERNAL_TOKEN_TYPE = 'tenantry-internal+jwt';
export const INTERNAL_TOKEN_ALGORITHM = 'EdDSA';
/** A token lives at most this long (`exp - iat`); the gateway signs them for 30 s. */
export const MAX_TOKEN_LIFETIME_SECONDS = 60;
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 30;
/** Clocks of two machines differ by this much at most. */
export const CLOCK_SKEW_SECONDS = 5;

const MAX_TOKEN_LENGTH = 4096;
const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const VISIBLE = (max: number) => new RegExp(`^[\\x21-\\x7e]{1,${max}}$`);
const ACTOR = VISIBLE(200);
const ROLE = VISIBLE(64);
const REQUEST_ID = VISIBLE(128);
const CORRELATION_ID = VISIBLE(128);

/** The claims of a verified token. */
export interface InternalTokenClaims {
  /** `tenantry-gateway`, or `tenantry-<service>` for a service's own token (verified with that service's keys only). */
  iss: string;
  /** The service the token is for (its name, e.g. `tenant-registry`). */
  aud: string;
  /** Who is acting: `key:<api-key-id>`. */
  sub: string;
  role: string;
  /** The tenant a tenant-scoped principal is bound to. */
  tid?: string;
  /** The gateway's request id. */
  rid: string;
  /** The client's own request id, when it sent a usable one (a correlation id, never trusted as ours). */
  cid?: string;
  /** RFC 8693 `act`: who really acts when `sub` is an impersonation (`key:<api-key-id>` of the support or platform admin). */
  act?: { sub: string };
  iat: number;
  exp: number;
  jti: string;
}

/** What a token is asked for. */
export interface InternalTokenRequest {
  audience: string;
  actor: string;
  role: string;
  tenantId?: string | null;
  requestId: string;
  correlationId?: string | null;
  /** The actor behind an impersonation (`act.sub`). */
  actingActor?: string | null;
  /** Seconds; at most MAX_TOKEN_LIFETIME_SECONDS. */
  lifetimeSeconds?: number;
  /** Default INTERNAL_TOKEN_ISSUER (the gateway); a service signing its own calls uses serviceTokenIssuer(its name). */
  issuer?: string;
}

/** `role` of a service's own token: never a user role, accepted only on routes marked for that service. */
export const SERVICE_TOKEN_ROLE = 'service';
/** `iss` of the tokens a service signs for its own calls. */
export const serviceTokenIssuer = (service: string): string => `tenantry-${service}`;
/** `sub` of the tokens a service signs for its own calls. */
export const serviceTokenSubject = (service: string): string => `service:${service}`;

export interface SigningKey {
  kid: string;
  key: KeyObject;
}

/** Verify keys by key id. */
export type VerifyKeys = ReadonlyMap<string, KeyObject>;

export type InternalTokenFailure =
  | 'malformed'
  | 'unsupported-algorithm'
  | 'unknown-key'
  | 'bad-signature'
  | 'wrong-issuer'
  | 'wrong-audience'
  | 'expired'
  | 'not-yet-valid'
  | 'invalid-claims';

export class InternalTokenError extends Error {
  constructor(
    readonly reason: InternalTokenFailure,
    detail: string,
  ) {
    super(detail);
    this.name = 'InternalTokenError';
  }
}

/** A key that cannot be read: the message says why, without the key. */
export class InternalKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InternalKeyError';
  }
}

function splitKeyEntry(entry: string): { kid: string; der: Buffer } {
  const colon = entry.indexOf(':');
  const kid = colon > 0 ? entry.slice(0, colon) : '';
  const material = colon > 0 ? entry.slice(colon + 1) : '';
  if (!KEY_ID.test(kid) || !/^[A-Za-z0-9+/]+={0,2}$/.test(material)) {
    throw new InternalKeyError('must be <key id>:<DER in base64> (key id: 1–64 letters, digits, dots, dashes or underscores)');
  }
  return { kid, der: Buffer.from(material, 'base64') };
}

/** `<kid>:<PKCS#8 DER, base64>` of an Ed25519 private key (the gateway's INTERNAL_AUTH_SIGNING_KEY). */
export function parseSigningKey(value: string): SigningKey {
  const { kid, der } = splitKeyEntry(value.trim());
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch {
    throw new InternalKeyError(`key ${kid} is not a PKCS#8 DER private key`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new InternalKeyError(`key ${kid} is not an Ed25519 key`);
  return { kid, key };
}

/** `<kid>:<SPKI DER, base64>[,<kid>:<…>]` of Ed25519 public keys (every service's INTERNAL_AUTH_VERIFY_KEYS). */
export function parseVerifyKeys(value: string): VerifyKeys {
  const keys = new Map<string, KeyObject>();
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  if (entries.length === 0) throw new InternalKeyError('must list at least one <key id>:<SPKI DER in base64>');
  for (const entry of entries) {
    const { kid, der } = splitKeyEntry(entry);
    if (keys.has(kid)) throw new InternalKeyError(`key id ${kid} is listed twice`);
    let key: KeyObject;
    try {
      key = createPublicKey({ key: der, format: 'der', type: 'spki' });
    } catch {
      throw new InternalKeyError(`key ${kid} is not an SPKI DER public key`);
    }
    if (key.asymmetricKeyType !== 'ed25519') throw new InternalKeyError(`key ${kid} is not an Ed25519 key`);
    keys.set(kid, key);
  }
  return keys;
}

/** Verify keys of other services' own tokens, by service name. */
export type ServiceKeys = ReadonlyMap<string, VerifyKeys>;

/** `<service>:<kid>:<SPKI DER, base64>[,…]` (e.g. billing's INTERNAL_AUTH_SERVICE_KEYS); empty: none. */
export function parseServiceKeys(value: string): ServiceKeys {
  const byService = new Map<string, string[]>();
  for (const entry of value.split(',').map((e) => e.trim()).filter((e) => e.length > 0)) {
    const colon = entry.indexOf(':');
    const service = colon > 0 ? entry.slice(0, colon) : '';
    if (!/^[a-z][a-z0-9-]{0,62}$/.test(service)) throw new InternalKeyError('must be <service>:<key id>:<SPKI DER in base64>[,…] (service: lower-case letters, digits and dashes)');
    byService.set(service, [...(byService.get(service) ?? []), entry.slice(colon + 1)]);
  }
  return new Map([...byService].map(([service, entries]) => [service, parseVerifyKeys(entries.join(','))]));
}

/** The client's x-request-id as a correlation id: up to 128 visible ASCII characters, otherwise none. */
export function correlationIdOf(value: unknown): string | null {
  return typeof value === 'string' && CORRELATION_ID.test(value) ? value : null;
}

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

/** A compact JWS for one internal call. */
export function signInternalToken(signingKey: SigningKey, request: InternalTokenRequest, now: Date = new Date()): string {
  const lifetime = request.lifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS;
  if (!Number.isInteger(lifetime) || lifetime < 1 || lifetime > MAX_TOKEN_LIFETIME_SECONDS) {
    throw new RangeError(`a token lives 1–${MAX_TOKEN_LIFETIME_SECONDS} s, not ${lifetime}`);
  }
  const iat = Math.floor(now.getTime() / 1000);
  const claims: InternalTokenClaims = {
    iss: request.issuer ?? INTERNAL_TOKEN_ISSUER,
    aud: request.audience,
    sub: request.actor,
    role: request.role,
    ...(request.tenantId ? { tid: request.tenantId } : {}),
    rid: request.requestId,
    ...(request.correlationId ? { cid: request.correlationId } : {}),
    ...(request.actingActor ? { act: { sub: request.actingActor } } : {}),
    iat,
    exp: iat + lifetime,
    jti: randomUUID(),
  };
  const signingInput = `${encode({ alg: INTERNAL_TOKEN_ALGORITHM, kid: signingKey.kid, typ: INTERNAL_TOKEN_TYPE })}.${encode(claims)}`;
  const signature = sign(null, Buffer.from(signingInput, 'ascii'), signingKey.key);
  return `${signingInput}.${signature.toString('base64url')}`;
}

function decodeJson(part: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw new InternalTokenError('malformed', `the token's ${what} is not JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InternalTokenError('malformed', `the token's ${what} is not a JSON object`);
  return value as Record<string, unknown>;
}

export interface VerifyOptions {
  keys: VerifyKeys;
  /** This service's name: a token for another service is refused. */
  audience: string;
  now?: Date;
  skewSeconds?: number;
  /** Default INTERNAL_TOKEN_ISSUER: set only to verify a service's own token with that service's keys. */
  issuer?: string;
}

/** The token's claims if it is ours, for this service, and current; InternalTokenError otherwise. */
export function verifyInternalToken(token: string, options: VerifyOptions): InternalTokenClaims {
  if (token.length > MAX_TOKEN_LENGTH) throw new InternalTokenError('malformed', 'the token is too long');
  const parts = token.split('.');
  const [headerPart, payloadPart, signaturePart] = parts;
  if (parts.length !== 3 || !headerPart || !payloadPart || !signaturePart || !parts.every((part) => BASE64URL.test(part))) {
    throw new InternalTokenError('malformed', 'the token is not a compact JWS');
  }
  const header = decodeJson(headerPart, 'header');
  // Only EdDSA: never let the token choose the algorithm ("none", HMAC with the public key, …).
  if (header['alg'] !== INTERNAL_TOKEN_ALGORITHM) throw new InternalTokenError('unsupported-algorithm', `alg must be ${INTERNAL_TOKEN_ALGORITHM}`);
  if (header['typ'] !== INTERNAL_TOKEN_TYPE) throw new InternalTokenError('malformed', `typ must be ${INTERNAL_TOKEN_TYPE}`);
  if (Object.keys(header).some((name) => !['alg', 'kid', 'typ'].includes(name))) throw new InternalTokenError('malformed', 'the header has members this service does not understand');
  const kid = header['kid'];
  const key = typeof kid === 'string' ? options.keys.get(kid) : undefined;
  if (!key) throw new InternalTokenError('unknown-key', 'the token is signed with a key this service does not know');
  const valid = verify(null, Buffer.from(`${headerPart}.${payloadPart}`, 'ascii'), key, Buffer.from(signaturePart, 'base64url'));
  if (!valid) throw new InternalTokenError('bad-signature', 'the token signature is not valid');

  const claims = decodeJson(payloadPart, 'payload');
  const issuer = options.issuer ?? INTERNAL_TOKEN_ISSUER;
  if (claims['iss'] !== issuer) throw new InternalTokenError('wrong-issuer', `iss must be ${issuer}`);
  if (claims['aud'] !== options.audience) throw new InternalTokenError('wrong-audience', `the token is not for ${options.audience}`);
  const { iat, exp, sub, role, rid, jti, tid, cid, act } = claims;
  if (!Number.isInteger(iat) || !Number.isInteger(exp)) throw new InternalTokenError('invalid-claims', 'iat and exp must be integer seconds');
  const issuedAt = iat as number;
  const expiresAt = exp as number;
  if (expiresAt <= issuedAt || expiresAt - issuedAt > MAX_TOKEN_LIFETIME_SECONDS) {
    throw new InternalTokenError('invalid-claims', `a token lives at most ${MAX_TOKEN_LIFETIME_SECONDS} s`);
  }
  const skew = options.skewSeconds ?? CLOCK_SKEW_SECONDS;
  const nowSeconds = (options.now ?? new Date()).getTime() / 1000;
  if (nowSeconds > expiresAt + skew) throw new InternalTokenError('expired', 'the token has expired');
  if (issuedAt > nowSeconds + skew) throw new InternalTokenError('not-yet-valid', 'the token is issued in the future');
  if (typeof sub !== 'string' || !ACTOR.test(sub)) throw new InternalTokenError('invalid-claims', 'sub must be 1–200 visible ASCII characters');
  if (typeof role !== 'string' || !ROLE.test(role)) throw new InternalTokenError('invalid-claims', 'role must be 1–64 visible ASCII characters');
  if (typeof rid !== 'string' || !REQUEST_ID.test(rid)) throw new InternalTokenError('invalid-claims', 'rid must be 1–128 visible ASCII characters');
  if (typeof jti !== 'string' || jti.length === 0 || jti.length > 128) throw new InternalTokenError('invalid-claims', 'jti must be a string');
  if (tid !== undefined && (typeof tid !== 'string' || !VISIBLE(64).test(tid))) throw new InternalTokenError('invalid-claims', 'tid must be a tenant id');
  if (cid !== undefined && correlationIdOf(cid) === null) throw new InternalTokenError('invalid-claims', 'cid must be 1–128 visible ASCII characters');
  const actor = typeof act === 'object' && act !== null && !Array.isArray(act) ? (act as Record<string, unknown>)['sub'] : undefined;
  if (act !== undefined && (typeof actor !== 'string' || !ACTOR.test(actor))) throw new InternalTokenError('invalid-claims', 'act must be {"sub": 1–200 visible ASCII characters}');
  return {
    iss: issuer,
    aud: options.audience,
    sub,
    role,
    ...(typeof tid === 'string' ? { tid } : {}),
    rid,
    ...(typeof cid === 'string' ? { cid } : {}),
    ...(typeof actor === 'string' ? { act: { sub: actor } } : {}),
    iat: issuedAt,
    exp: expiresAt,
    jti,
  };
}
