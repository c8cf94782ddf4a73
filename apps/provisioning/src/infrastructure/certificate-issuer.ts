/**
 * TLS certificates for tenant host names, behind an interface so ACME can replace the local CA.
 * The local issuer is a CA the service creates once and keeps in its schema (key sealed).
 * Keys are generated natively (node:crypto, milliseconds) and certificates built and signed with
 * node-forge, which only signs with RSA — hence RSA 2048 rather than EC keys.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
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

  constructor(
    private readonly dataSource: DataSource,
    private readonly master: MasterKeyring,
  ) {
    super();
  }

  async trustAnchorPem(): Promise<string> {
    return (await this.material()).certificatePem;
  }

  async issue(hostname: string, now: Date): Promise<IssuedCertificate> {
    const ca = await this.material();
    const keys = rsaKeyPair();
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
    if (stored) return stored;
    const created = this.createCa();
    await this.dataSource.query(`INSERT INTO certificate_authority (name, certificate_pem, private_key_enc) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING`, [
      CA_NAME,
      created.certificatePem,
      this.master.seal(CA_KEY_PURPOSE, created.privateKeyPem),
    ]);
    const winner = await this.load();
    if (!winner) throw new Error('local CA was neither stored nor found');
    return winner;
  }

  private async load(): Promise<CaMaterial | undefined> {
    const [row] = (await this.dataSource.query(`SELECT certificate_pem, private_key_enc FROM certificate_authority WHERE name = $1`, [CA_NAME])) as {
      certificate_pem: string;
      private_key_enc: string;
    }[];
    if (!row) return undefined;
    return {
      certificatePem: row.certificate_pem,
      certificate: forge.pki.certificateFromPem(row.certificate_pem),
      key: forge.pki.privateKeyFromPem(this.master.open(CA_KEY_PURPOSE, row.private_key_enc)),
    };
  }

  private createCa(): { certificatePem: string; privateKeyPem: string } {
    const keys = rsaKeyPair();
    const key = forge.pki.privateKeyFromPem(keys.privateKeyPem);
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
