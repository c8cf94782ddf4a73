import { createPrivateKey, createPublicKey } from 'node:crypto';
import { waitFor } from '@tenantry/testing';
import { RsaKeyPool } from './certificate-issuer';

// RSA keys cost hundreds of milliseconds of CPU each on a busy machine.
jest.setTimeout(90_000);

describe(RsaKeyPool.name, () => {
  it('hands out matching RSA 2048 key pairs, each once, and refills up to its size in the background', async () => {
    const pool = new RsaKeyPool(2);
    const first = await pool.take();
    await waitFor(() => pool.waiting === 2, { timeoutMs: 60_000, what: 'the pool to fill' });
    const [a, b] = [await pool.take(), await pool.take()];
    const pems = new Set([first, a, b].map((pair) => pair.privateKeyPem));
    expect(pems.size).toBe(3);
    for (const pair of [first, a, b]) {
      const key = createPrivateKey(pair.privateKeyPem);
      expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);
      expect(createPublicKey(key).export({ type: 'spki', format: 'pem' })).toBe(pair.publicKeyPem);
    }
    await waitFor(() => pool.waiting === 2, { timeoutMs: 60_000, what: 'the pool to refill' });
  });
});
