/**
 * TLS certificates for tenant host names, behind an interface so ACME can replace the local CA.
 * The local issuer is a CA the service creates once and keeps in its schema (key sealed).
 * Certificates are built with node-forge, which only encodes RSA keys — hence RSA 2048 rather than
 * EC keys. The costly parts run natively instead of in forge's JavaScript: leaf keys come from a
 * pool that node:crypto fills on its thread pool in the background (an RSA key costs hundreds of
 * milliseconds of CPU; taken from the pool it costs nothing on the provisioning path), and the CA's
 * signature is made by node:crypto (about ten times faster than forge's, measured here).
 */
import { constants, generateKeyPair, generateKeyPairSync, privateEncrypt, randomBytes } from 'node:crypto';
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
  key: forge.pki.rsa.PrivateKey;
}

/** DER of a SHA-256 DigestInfo before the digest (RFC 8017, 9.2, note 1). */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/**
 * What forge's `certificate.sign` calls `key.sign(md)` on, signing natively: RSASSA-PKCS1-v1_5 is the
 * private-key operation over the DigestInfo with type-1 padding, which is what privateEncrypt does.
 */
function nativeSigner(privateKeyPem: string): forge.pki.rsa.PrivateKey {
  return {
    sign: (md: forge.md.MessageDigest) =>
      privateEncrypt({ key: privateKeyPem, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO, Buffer.from(md.digest().getBytes(), 'binary')])).toString('binary'),
  } as unknown as forge.pki.rsa.PrivateKey;
}

type KeyPair = { privateKeyPem: string; publicKeyPem: string };

/** RSA 2048 key pairs made ahead on libuv's thread pool, up to `size` waiting; take() waits only when none is. */
export class RsaKeyPool {
  private readonly ready: KeyPair[] = [];
  private filling = 0;

  constructor(private readonly size: number) {}

  /** Starts filling (called on first use, so a service that never issues spends nothing). */
  fill(): void {
    while (this.ready.length + this.filling < this.size) {
      this.filling += 1;
      void rsaKeyPairAsync()
        .then((pair) => this.ready.push(pair))
        .catch(() => undefined)
        .finally(() => (this.filling -= 1));
    }
  }

  async take(): Promise<KeyPair> {
    const pair = this.ready.shift();
    this.fill();
    return pair ?? rsaKeyPairAsync();
  }

  get waiting(): number {
    return this.ready.length;
  }
}

function rsaKeyPairAsync(): Promise<KeyPair> {
  return new Promise((resolve, reject) =>
    generateKeyPair('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }, (error, publicKey, privateKey) =>
      error ? reject(error) : resolve({ privateKeyPem: privateKey, publicKeyPem: publicKey }),
    ),
  );
}

/** Leaf keys kept ready: ten tenants provisioned at once take theirs without waiting. */
const KEY_POOL_SIZE = 10;

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

@Injectable()
export class LocalCaCertificateIssuer extends CertificateIssuer {
  readonly name = CA_NAME;
  private ca?: Promise<CaMaterial>;
  private readonly keys = new RsaKeyPool(KEY_POOL_SIZE);

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
    const keys = await this.keys.take();
    const certificate = forge.pki.createCertificate();
    certificate.publicKey = forge.pki.publicKeyFromPem(keys.publicKeyPem);
    certificate.serialNumber = serialNumber();
    certificate.validity.notBefore = new Date(now.getTime() - 60_000);
    certificate.validity.notAfter = new Date(now.getTime() + LEAF_DAYS * DAY_MS);
    certificate.setSubject([{ name: 'commonName', value: hostname }]);
    certificate.setIssuer(ca.certificate.subject.attributes);
    certificate.setExtensions([
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: hostname }] },
      { name: 'subjectKeyIdentifier' },
      { name: 'authorityKeyIdentifier', keyIdentifier: ca.certificate.generateSubjectKeyIdentifier().getBytes() },
    ]);
    certificate.sign(ca.key, forge.md.sha256.create());
    return {
      issuer: this.name,
      serial: certificate.serialNumber,
      certificatePem: forge.pki.certificateToPem(certificate),
      privateKeyPem: keys.privateKeyPem,
      notAfter: certificate.validity.notAfter,
    };
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
    const created = this.createCa();
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
      key: nativeSigner(keyPem),
    };
  }

  private createCa(): { certificatePem: string; privateKeyPem: string } {
    const keys = rsaKeyPair();
    const key = nativeSigner(keys.privateKeyPem);
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
}
