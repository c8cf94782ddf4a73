// Redis for the local stack (the gateway's rate-limit buckets): use the server at REDIS_URL (default
// the local one); only if nothing answers on a local address, start `redis-server` (when installed)
// without persistence, and stop it again with the stack. Nothing is kept on disk: buckets are seconds long.
'use strict';
const net = require('node:net');
const { spawn, spawnSync } = require('node:child_process');

const DEFAULT_URL = 'redis://127.0.0.1:6379';

function redisUrl(env = process.env) {
  return env.REDIS_URL || DEFAULT_URL;
}

/** True when something at host:port answers PING with +PONG (or asks for a password: it is a Redis). */
function ping(host, port, timeoutMs = 1_000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (answer) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => done(/^(\+PONG|-NOAUTH)/.test(data.toString())));
  });
}

function hasRedisServer() {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Returns { url, started } once a Redis answers at REDIS_URL; `started.stop()` stops one this started. */
async function ensureRedis({ env = process.env, quiet = false } = {}) {
  const url = redisUrl(env);
  const target = new URL(url);
  const host = target.hostname || '127.0.0.1';
  const port = Number(target.port || 6379);
  if (await ping(host, port)) return { url, started: undefined };
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) {
    throw new Error(`no Redis answers at ${target.host}; start it or point REDIS_URL elsewhere (the gateway's rate limits need it)`);
  }
  if (!hasRedisServer()) {
    throw new Error(`no Redis answers at ${target.host} and redis-server is not installed: install Redis (e.g. apt-get install redis-server) or point REDIS_URL at one`);
  }
  if (!quiet) console.log(`[redis] nothing answers on ${target.host}; starting redis-server (no persistence)`);
  const child = spawn('redis-server', ['--port', String(port), '--bind', host, '--save', '', '--appendonly', 'no'], { stdio: 'ignore', detached: false });
  const deadline = Date.now() + 10_000;
  while (!(await ping(host, port))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`redis-server did not start on ${target.host}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    started: {
      stop: () =>
        new Promise((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    },
  };
}

module.exports = { ensureRedis, redisUrl, ping };
