// The secrets a local stack (`npm start`) and the test suites run with. No service ships a usable
// default for a secret: each one refuses to start without its own. On a developer's machine this
// module makes them once, per checkout, in .cache/dev-secrets.json (mode 0600, git-ignored), so a
// restarted stack can still read what it encrypted yesterday. A real install sets its own values
// (README, "Security"); nothing here is ever used outside this machine.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const FILE = path.join(ROOT, '.cache', 'dev-secrets.json');

const random32 = () => crypto.randomBytes(32).toString('base64');

/** Each secret the suite needs, by environment variable name, with how to make a fresh one. */
const GENERATORS = {
  // Internal service-to-service tokens: the gateway signs (Ed25519 private key, PKCS#8 DER in
  // base64), every other service verifies with the public half (`<key id>:<SPKI DER in base64>`).
  INTERNAL_AUTH: () => {
    const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
    const kid = `dev-${crypto.randomBytes(4).toString('hex')}`;
    return {
      INTERNAL_AUTH_SIGNING_KEY: `${kid}:${privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64')}`,
      INTERNAL_AUTH_VERIFY_KEYS: `${kid}:${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`,
    };
  },
  // Notifications' own Ed25519 key for its calls to billing (the invoice PDF of invoice-issued mails):
  // notifications signs with the private half, billing verifies with `notifications:<key id>:<SPKI>`.
  NOTIFY_INTERNAL_AUTH: () => {
    const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
    const kid = `dev-notify-${crypto.randomBytes(4).toString('hex')}`;
    return {
      NOTIFY_INTERNAL_SIGNING_KEY: `${kid}:${privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64')}`,
      INTERNAL_AUTH_SERVICE_KEYS: `notifications:${kid}:${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`,
    };
  },
  // Provisioning's master key (wraps each tenant's data key): 32 random bytes in base64.
  SECRET_KEY: () => ({ SECRET_KEY: random32() }),
  // The gateway's key for hashing API keys (HMAC-SHA-256): 32 random bytes in base64.
  API_KEY_PEPPER: () => ({ API_KEY_PEPPER: random32() }),
  // The key provisioning and notifications derive the first admin's invitation token from: 32 random bytes in base64.
  INVITATION_KEY: () => ({ INVITATION_KEY: random32() }),
  // Notifications' HMAC key of unsubscribe links: 32 random bytes in base64.
  NOTIFY_UNSUBSCRIBE_KEY: () => ({ NOTIFY_UNSUBSCRIBE_KEY: random32() }),
  // Billing's payment-provider callback secret (HMAC-SHA-256 of the sandbox's signed callbacks): 32 random bytes in base64.
  BILLING_PROVIDER_WEBHOOK_SECRET: () => ({ BILLING_PROVIDER_WEBHOOK_SECRET: random32() }),
};

function read(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** The local secrets as environment variables, made on first use and kept for this checkout. */
function devSecretsEnv(file = FILE) {
  let stored = read(file);
  const missing = Object.keys(GENERATORS).filter((group) => !stored || typeof stored[group] !== 'object');
  if (missing.length > 0) {
    const next = { ...(stored ?? {}) };
    for (const group of missing) next[group] = GENERATORS[group]();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      // A new file is created exclusively: two processes starting at once agree on one set.
      fs.writeFileSync(file, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600, flag: stored ? 'w' : 'wx' });
      stored = next;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      stored = read(file);
    }
  }
  return Object.assign({}, ...Object.values(stored));
}

module.exports = { devSecretsEnv, DEV_SECRETS_FILE: FILE };

// `node tools/stack/dev-secrets.cjs --env > .env`: this checkout's secrets as an env file for
// docker compose (which reads ./.env). Local use only: a real install makes its own (README, "Security").
if (require.main === module && process.argv.includes('--env')) {
  for (const [name, value] of Object.entries(devSecretsEnv())) process.stdout.write(`${name}=${value}\n`);
}
