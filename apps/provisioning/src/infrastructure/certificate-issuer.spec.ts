import { createHash, createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { connect, createServer } from 'node:tls';
import * as forge from 'node-forge';
import { createLocalCa, leafKeyPair, signLeafCertificate } from './certificate-issuer';

// One RSA-2048 key for the CA: hundreds of milliseconds of CPU on a busy machine.
jest.setTimeout(30_000);

const HOST = 'acme.tenantry.local';

describe(signLeafCertificate.name, () => {
  const ca = createLocalCa();
  const material = { certificate: forge.pki.certificateFromPem(ca.certificatePem), key: createPrivateKey(ca.privateKeyPem) };
  const root = new X509Certificate(ca.certificatePem);
  const now = new Date('2026-12-01T12:00:00Z');

  it('issues a P-256 leaf for the host name that chains to the local CA, for the key it was given', () => {
    const keys = leafKeyPair();
    const sut = signLeafCertificate(material, HOST, keys.publicKeyDer, now);
    const leaf = new X509Certificate(sut.pem);

    expect(leaf.verify(root.publicKey)).toBe(true);
    expect(leaf.checkIssued(root)).toBe(true);
    expect(leaf.checkHost(HOST)).toBe(HOST);
    expect(leaf.checkHost('other.tenantry.local')).toBeUndefined();
    expect(leaf.ca).toBe(false);
    expect(leaf.publicKey.asymmetricKeyType).toBe('ec');
    expect(leaf.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(leaf.publicKey.export({ type: 'spki', format: 'der' })).toEqual(createPublicKey(keys.privateKeyPem).export({ type: 'spki', format: 'der' }));
    expect(leaf.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(leaf.serialNumber.toLowerCase()).toBe(sut.serial);
    expect(new Date(leaf.validTo).getTime()).toBe(Math.floor(sut.notAfter.getTime() / 1000) * 1000);
    expect(sut.notAfter.getTime() - now.getTime()).toBe(90 * 86_400_000);
    expect(keys.privateKeyPem).toContain('PRIVATE KEY');
  });

  it('gives every certificate a serial of its own', () => {
    const { publicKeyDer } = leafKeyPair();
    const serials = new Set(Array.from({ length: 20 }, () => signLeafCertificate(material, HOST, publicKeyDer, now).serial));
    expect(serials.size).toBe(20);
  });

  it('gives the certificate the SHA-1 of its key as subject key identifier, also for a key whose bytes read as DER', () => {
    // About one P-256 point in 256 starts with bytes that forge, left to itself, decodes as an OCTET STRING.
    const readsAsDer = (der: Buffer) => Array.isArray((forge.asn1.fromDer(forge.util.createBuffer(der.toString('binary'))).value as forge.asn1.Asn1[])[1]?.value);
    let tricky = leafKeyPair();
    while (!readsAsDer(tricky.publicKeyDer)) tricky = leafKeyPair();
    for (const keys of [tricky, leafKeyPair()]) {
      const leaf = new X509Certificate(signLeafCertificate(material, HOST, keys.publicKeyDer, now).pem);
      expect(leaf.verify(root.publicKey)).toBe(true);
      const point = keys.publicKeyDer.subarray(keys.publicKeyDer.length - 65);
      const ski = Buffer.concat([Buffer.from([0x04, 0x14]), createHash('sha1').update(point).digest()]);
      expect(leaf.raw.includes(ski)).toBe(true);
    }
  });

  it('serves TLS for the host name to a client that trusts only the local CA', async () => {
    const keys = leafKeyPair();
    const leaf = signLeafCertificate(material, HOST, keys.publicKeyDer, new Date());
    const server = createServer({ key: keys.privateKeyPem, cert: leaf.pem }, (socket) => socket.end('hello'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect({ host: '127.0.0.1', port, servername: HOST, ca: ca.certificatePem }, () => {
          if (!socket.authorized) reject(socket.authorizationError ?? new Error('not authorized'));
        });
        let text = '';
        socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
        socket.on('end', () => resolve(text));
        socket.on('error', reject);
      });
      expect(answer).toBe('hello');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
