/**
 * TLS certificates for tenant host names, behind an interface so ACME can replace the local CA.
 * The local issuer is a CA the service creates once and keeps in its schema (key sealed); its own
 * key is RSA 2048 (forge, which builds the CA certificate, encodes only RSA keys). Leaf keys are
 * ECDSA P-256: a P-256 key pair costs about 0.1 ms of CPU, an RSA-2048 one 100–700 ms (measured
 * here), which on two shared cores was the largest single cost of provisioning a tenant even when
 * made ahead on the thread pool. The leaf's TBSCertificate is assembled with forge's ASN.1
 * primitives around node:crypto's SubjectPublicKeyInfo and signed by node:crypto with the CA's key.
 */
import { constants, createHash, createPrivateKey, generateKeyPairSync, KeyObject, privateEncrypt, randomBytes, sign } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Logger } from '@tenantry/observability';
import { LOGGER } from '@tenantry/service';
import * as forge from 'node-forge';
import { DataSource } from 'typeorm';
import { MasterKeyring } from './master-keys';

/** The CA's key is a platform secret, sealed by the master key for this purpose. */
export const CA_KEY_PURPOSE = 'certificate-authority';

export interface IssuedCertificate {
  issuer: string;
  serial: string;
  certificatePem: string;
  privateKeyPem: string;
  notAfter: Date;
}

export abstract class CertificateIssuer {
  abstract readonly name: string;
  abstract issue(hostname: string, now: Date): Promise<IssuedCertificate>;
  /** The certificate clients must trust, when the issuer is a private CA. */
  abstract trustAnchorPem(): Promise<string>;
}

const CA_NAME = 'tenantry-local-ca';
const CA_YEARS = 10;
const LEAF_DAYS = 90;
const DAY_MS = 86_400_000;

interface CaMaterial {
  certificate: forge.pki.Certificate;
  certificatePem: string;
  key: KeyObject;
}

const { asn1 } = forge;

/** DER of a SHA-256 DigestInfo before the digest (RFC 8017, 9.2, note 1). */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/**
 * What forge's `certificate.sign` calls `key.sign(md)` on, signing natively: RSASSA-PKCS1-v1_5 is the
 * private-key operation over the DigestInfo with type-1 padding, which is what privateEncrypt does.
 * Used once, for the CA's own certificate.
 */
function nativeSigner(key: KeyObject): forge.pki.rsa.PrivateKey {
  return {
    sign: (md: forge.md.MessageDigest) =>
      privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO, Buffer.from(md.digest().getBytes(), 'binary')])).toString('binary'),
  } as unknown as forge.pki.rsa.PrivateKey;
}

/** A leaf key pair: ECDSA P-256, the private key PKCS#8 PEM, the public key SubjectPublicKeyInfo DER. */
export function leafKeyPair(): { privateKeyPem: string; publicKeyDer: Buffer } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', {
    namedCurve: 'P-256',
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'der' },
  });
  return { privateKeyPem: privateKey, publicKeyDer: publicKey };
}

function rsaKeyPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

/** Positive, 128-bit, random: what RFC 5280 and the CA/B forum ask of serial numbers. */
function serialNumber(): string {
  return `01${randomBytes(15).toString('hex')}`;
}

/** forge's own encoder for the extensions it fills, and its DER decoder's options: not in its type declarations. */
const forgePki = forge.pki as typeof forge.pki & { certificateExtensionsToAsn1(extensions: unknown[]): forge.asn1.Asn1 };
const fromDer = asn1.fromDer as unknown as (bytes: forge.util.ByteStringBuffer, options: { strict: boolean; decodeBitStrings: boolean }) => forge.asn1.Asn1;

function sequence(items: forge.asn1.Asn1[]): forge.asn1.Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, items);
}

/** RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime after. */
function time(date: Date): forge.asn1.Asn1 {
  return date.getUTCFullYear() < 2050
    ? asn1.create(asn1.Class.UNIVERSAL, asn1.Type.UTCTIME, false, asn1.dateToUtcTime(date))
    : asn1.create(asn1.Class.UNIVERSAL, asn1.Type.GENERALIZEDTIME, false, asn1.dateToGeneralizedTime(date));
}

const SHA256_WITH_RSA = sequence([
  asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(forge.pki.oids['sha256WithRSAEncryption'] ?? '1.2.840.113549.1.1.11').getBytes()),
  asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, ''),
]);

/**
 * A leaf certificate for `hostname` carrying `publicKeyDer` (any key type node:crypto exports as SPKI),
 * signed with sha256WithRSAEncryption by the CA: the fields as forge would lay them out (RFC 5280
 * 4.1), with the subject key identifier the SHA-1 of the key's bits (4.2.1.2, method 1).
 */
export function signLeafCertificate(ca: { certificate: forge.pki.Certificate; key: KeyObject }, hostname: string, publicKeyDer: Buffer, now: Date): { pem: string; serial: string; notAfter: Date } {
  // Not decodeBitStrings: forge would otherwise try to read the key's bytes as ASN.1, and an EC point
  // sometimes reads as an OCTET STRING (then the BIT STRING's value is no longer its bytes).
  const spki = fromDer(forge.util.createBuffer(publicKeyDer.toString('binary')), { strict: true, decodeBitStrings: false });
  const keyBits = (spki.value as forge.asn1.Asn1[])[1]?.value;
  if (typeof keyBits !== 'string') throw new Error('not a SubjectPublicKeyInfo');
  const fields = forge.pki.createCertificate();
  fields.serialNumber = serialNumber();
  fields.validity.notBefore = new Date(now.getTime() - 60_000);
  fields.validity.notAfter = new Date(now.getTime() + LEAF_DAYS * DAY_MS);
  fields.setSubject([{ name: 'commonName', value: hostname }]);
  fields.setIssuer(ca.certificate.subject.attributes);
  fields.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    // An EC key signs the handshake; it encrypts nothing (keyEncipherment is for RSA key transport).
    { name: 'keyUsage', digitalSignature: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: [{ type: 2, value: hostname }] },
    { name: 'subjectKeyIdentifier', value: asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, createHash('sha1').update(Buffer.from(keyBits.slice(1), 'binary')).digest('binary')) },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.certificate.generateSubjectKeyIdentifier().getBytes() },
  ]);
  const tbs = sequence([
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(2).getBytes())]),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, forge.util.hexToBytes(fields.serialNumber)),
    SHA256_WITH_RSA,
    forge.pki.distinguishedNameToAsn1(fields.issuer),
    sequence([time(fields.validity.notBefore), time(fields.validity.notAfter)]),
    forge.pki.distinguishedNameToAsn1(fields.subject),
    spki,
    forgePki.certificateExtensionsToAsn1(fields.extensions as unknown[]),
  ]);
  const tbsDer = Buffer.from(asn1.toDer(tbs).getBytes(), 'binary');
  const signature = sign('sha256', tbsDer, ca.key);
  const certificate = sequence([tbs, SHA256_WITH_RSA, asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BITSTRING, false, String.fromCharCode(0) + signature.toString('binary'))]);
  const pem = forge.pem.encode({ type: 'CERTIFICATE', body: asn1.toDer(certificate).getBytes() });
  return { pem, serial: fields.serialNumber, notAfter: fields.validity.notAfter };
}

/** A new local CA: RSA 2048, self-signed, ten years, for signing leaves only (path length 0). */
export function createLocalCa(): { certificatePem: string; privateKeyPem: string } {
  const keys = rsaKeyPair();
  const key = nativeSigner(createPrivateKey(keys.privateKeyPem));
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(keys.publicKeyPem);
  certificate.serialNumber = serialNumber();
  const now = new Date();
  certificate.validity.notBefore = new Date(now.getTime() - 60_000);
  certificate.validity.notAfter = new Date(now.getTime() + CA_YEARS * 365 * DAY_MS);
  const subject = [
    { name: 'commonName', value: 'Tenantry Local CA' },
    { name: 'organizationName', value: 'Tenantry' },
  ];
  certificate.setSubject(subject);
  certificate.setIssuer(subject);
  certificate.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  certificate.sign(key, forge.md.sha256.create());
  return { certificatePem: forge.pki.certificateToPem(certificate), privateKeyPem: keys.privateKeyPem };
}

@Injectable()
export class LocalCaCertificateIssuer extends CertificateIssuer {
  readonly name = CA_NAME;
  private ca?: Promise<CaMaterial>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly master: MasterKeyring,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    super();
  }

  async trustAnchorPem(): Promise<string> {
    return (await this.material()).certificatePem;
  }

  async issue(hostname: string, now: Date): Promise<IssuedCertificate> {
    const ca = await this.material();
    const keys = leafKeyPair();
    const leaf = signLeafCertificate(ca, hostname, keys.publicKeyDer, now);
    return { issuer: this.name, serial: leaf.serial, certificatePem: leaf.pem, privateKeyPem: keys.privateKeyPem, notAfter: leaf.notAfter };
  }

  /** Loads the CA once per process, creating it on first use (first writer wins across instances). */
  private material(): Promise<CaMaterial> {
    this.ca ??= this.loadOrCreate().catch((error: unknown) => {
      this.ca = undefined;
      throw error;
    });
    return this.ca;
  }

  private async loadOrCreate(): Promise<CaMaterial> {
    const stored = await this.load();
    if (stored && !('unopenable' in stored)) return stored;
    const created = createLocalCa();
    const sealedKey = this.master.seal(CA_KEY_PURPOSE, created.privateKeyPem);
    if (stored) {
      // The stored CA key is sealed under a master key this service does not hold (a second
      // checkout's secrets on the same database, or a lost key). Nothing can sign with it, so the
      // CA is replaced — compare-and-swap, so concurrent instances agree on one — and said aloud:
      // certificates issued under the old CA stop chaining to the trust anchor.
      await this.dataSource.query(`UPDATE certificate_authority SET certificate_pem = $2, private_key_enc = $3 WHERE name = $1 AND private_key_enc = $4`, [
        CA_NAME,
        created.certificatePem,
        sealedKey,
        stored.unopenable,
      ]);
      this.logger.warn(
        { reason: stored.reason },
        'the local CA key is sealed under a master key that is neither SECRET_KEY nor in SECRET_KEY_PREVIOUS; a new local CA replaces it (certificates issued before no longer chain to the trust anchor)',
      );
    } else {
      await this.dataSource.query(`INSERT INTO certificate_authority (name, certificate_pem, private_key_enc) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING`, [
        CA_NAME,
        created.certificatePem,
        sealedKey,
      ]);
    }
    const winner = await this.load();
    if (!winner || 'unopenable' in winner) throw new Error('local CA was neither stored nor found');
    return winner;
  }

  private async load(): Promise<CaMaterial | { unopenable: string; reason: string } | undefined> {
    const [row] = (await this.dataSource.query(`SELECT certificate_pem, private_key_enc FROM certificate_authority WHERE name = $1`, [CA_NAME])) as {
      certificate_pem: string;
      private_key_enc: string;
    }[];
    if (!row) return undefined;
    let keyPem: string;
    try {
      keyPem = this.master.open(CA_KEY_PURPOSE, row.private_key_enc);
    } catch (error) {
      return { unopenable: row.private_key_enc, reason: (error as Error).message };
    }
    return {
      certificatePem: row.certificate_pem,
      certificate: forge.pki.certificateFromPem(row.certificate_pem),
      key: createPrivateKey(keyPem),
    };
  }
}
