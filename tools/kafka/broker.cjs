// A real single-node Apache Kafka (KRaft, combined broker + controller) run as a plain Java
// process: jars from Maven Central via the machine's Maven, no Docker. Node built-ins only, so
// it works before `npm install` has run and from both .mjs scripts and Jest.
'use strict';
const { execFileSync, spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const KAFKA_VERSION = '4.1.1';
const LIBS = path.join(ROOT, '.cache', 'kafka', KAFKA_VERSION, 'libs');
const DEFAULT_DATA_DIR = path.join(ROOT, '.cache', 'kafka', 'data');

function has(command) {
  try {
    execFileSync(command, ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Downloads the broker's jars (once) into .cache/kafka/<version>/libs. */
function fetchJars({ quiet = false } = {}) {
  const marker = path.join(LIBS, `kafka_2.13-${KAFKA_VERSION}.jar`);
  if (fs.existsSync(marker)) return LIBS;
  if (!has('java')) throw new Error('Java 17+ is needed to run the local Kafka broker (java not found on PATH)');
  if (!has('mvn')) throw new Error('Maven is needed to fetch the Kafka broker jars from Maven Central (mvn not found on PATH)');
  if (!quiet) console.log(`[kafka] fetching Apache Kafka ${KAFKA_VERSION} jars from Maven Central…`);
  execFileSync(
    'mvn',
    ['-q', '-B', '-f', path.join(__dirname, 'pom.xml'), `-Dkafka.version=${KAFKA_VERSION}`, 'dependency:copy-dependencies', `-DoutputDirectory=${LIBS}`, '-DincludeScope=runtime'],
    { stdio: quiet ? 'ignore' : 'inherit' },
  );
  if (!fs.existsSync(marker)) throw new Error(`Maven finished but ${marker} is missing`);
  return LIBS;
}

function portOpen(port, host = '127.0.0.1', timeoutMs = 500) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (open) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function waitFor(predicate, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await predicate()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

function serverProperties({ dataDir, port, controllerPort }) {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    `log.dirs=${path.join(dataDir, 'logs')}`,
    'num.partitions=3',
    'num.network.threads=3',
    'num.io.threads=4',
    // Single node: internal topics can only have one replica, or groups never find a coordinator.
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=10',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'transaction.state.log.num.partitions=4',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=false',
    'delete.topic.enable=true',
    'log.retention.check.interval.ms=60000',
    '',
  ].join('\n');
}

/**
 * True while the process runs. A killed broker whose parent has not reaped it yet (the parent may be
 * busy in a synchronous spawn, as `npm test` is while jest runs) is a zombie: it answers signal 0 but
 * holds no port and does no work, so it counts as gone.
 */
function alive(pid) {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const state = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
    return state !== 'Z' && state !== 'X';
  } catch {
    return true;
  }
}

function pidFile(dataDir) {
  return path.join(dataDir, 'broker.pid');
}

/** The pid file's `<pid>\n<port>\n` (an older file holds the pid only), or undefined. */
function readLock(dataDir) {
  try {
    const [pid, port] = fs.readFileSync(pidFile(dataDir), 'utf8').trim().split(/\s+/).map(Number);
    return Number.isInteger(pid) && pid > 0 ? { pid, port: Number.isInteger(port) && port > 0 ? port : undefined } : undefined;
  } catch {
    return undefined;
  }
}

/** The command line of a live process, or undefined when /proc cannot tell (then it is taken at its word). */
function commandLine(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return undefined;
  }
}

/** The broker started from `dataDir` while it runs: its command line names the directory (a pid the system gave to another program since is not it). */
function readPid(dataDir) {
  const lock = readLock(dataDir);
  if (!lock || !alive(lock.pid)) return undefined;
  const command = commandLine(lock.pid);
  return command === undefined || command.includes(dataDir) ? lock.pid : undefined;
}

/**
 * Claims `dataDir` for a broker about to start on `port`: one broker per data directory, since a
 * second one (another port, same checkout) corrupts the first one's metadata log. The pid file is
 * created exclusively (two starts at once: one wins) and holds the starting process until the broker
 * runs, then the broker. A pid file whose process is gone (killed, machine restarted) is stale and
 * removed; one whose process lives is a running broker (or one being started): refused, naming it.
 */
function claimDataDir(dataDir, port) {
  fs.mkdirSync(dataDir, { recursive: true });
  for (let attempt = 1; ; attempt++) {
    try {
      fs.writeFileSync(pidFile(dataDir), `${process.pid}\n${port}\n`, { flag: 'wx' });
      return;
    } catch (error) {
      if (error.code !== 'EEXIST' || attempt >= 3) throw error;
    }
    const lock = readLock(dataDir);
    const command = lock && alive(lock.pid) ? commandLine(lock.pid) : undefined;
    if (lock && alive(lock.pid) && (command === undefined || command.includes(dataDir) || /node/.test(command))) {
      const where = lock.port === undefined ? '' : ` on 127.0.0.1:${lock.port}`;
      throw new Error(
        `a Kafka broker (pid ${lock.pid}${where}) already runs from ${dataDir}; a second broker on the same data directory corrupts its metadata log. ` +
          `Use that one (KAFKA_BROKERS=127.0.0.1:${lock.port ?? '<its port>'}) or stop it first: \`npm run kafka:stop\` (or \`npm run infra:down\`) from this checkout, or kill ${lock.pid}.`,
      );
    }
    // Stale: the process that wrote it is gone.
    fs.rmSync(pidFile(dataDir), { force: true });
  }
}

/** Gives the claim up if it is still `pid`'s (a start that failed). */
function releaseDataDir(dataDir, pid) {
  if (readLock(dataDir)?.pid === pid) fs.rmSync(pidFile(dataDir), { force: true });
}

/**
 * Starts a broker unless one already answers on `port` (then it is reused). Resolves when the
 * broker accepts connections. Returns { reused, pid, logFile }.
 */
async function startBroker({ dataDir = DEFAULT_DATA_DIR, port = 9092, controllerPort = 9093, heapMb = 768, quiet = false } = {}) {
  if (await portOpen(port)) {
    if (!quiet) console.log(`[kafka] reusing the broker already listening on 127.0.0.1:${port}`);
    return { reused: true, pid: readPid(dataDir), logFile: undefined };
  }
  // Before anything is written to it: another broker may be running from this directory on another port.
  claimDataDir(dataDir, port);
  try {
    return await launch({ dataDir, port, controllerPort, heapMb, quiet });
  } catch (error) {
    releaseDataDir(dataDir, process.pid);
    throw error;
  }
}

async function launch({ dataDir, port, controllerPort, heapMb, quiet }) {
  const libs = fetchJars({ quiet });
  const config = path.join(dataDir, 'server.properties');
  fs.writeFileSync(config, serverProperties({ dataDir, port, controllerPort }));
  const classpath = `${libs}/*`;
  if (!fs.existsSync(path.join(dataDir, 'logs', 'meta.properties'))) {
    // A base64url id may start with '-', which the format tool's argument parser takes for an
    // option (this failed one CI run in 64): draw again until it does not.
    let clusterId = randomBytes(16).toString('base64url');
    while (clusterId.startsWith('-')) clusterId = randomBytes(16).toString('base64url');
    // A JVM that fails to start on a busy machine fails the format too: try three times, and say why.
    for (let attempt = 1; ; attempt++) {
      try {
        execFileSync('java', ['-cp', classpath, '-Dlog4j.configuration=file:' + path.join(__dirname, 'log4j.properties'), `-Dkafka.logs.dir=${dataDir}`, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', config], { stdio: ['ignore', 'pipe', 'pipe'] });
        break;
      } catch (error) {
        if (fs.existsSync(path.join(dataDir, 'logs', 'meta.properties')) || attempt >= 3) {
          if (fs.existsSync(path.join(dataDir, 'logs', 'meta.properties'))) break;
          throw new Error(`formatting the Kafka storage in ${dataDir} failed: ${String(error.stderr || error.stdout || error.message).slice(-1_000)}`);
        }
      }
    }
  }
  const logFile = path.join(dataDir, 'server.log');
  const out = fs.openSync(path.join(dataDir, 'stdout.log'), 'a');
  const child = spawn(
    'java',
    [
      `-Xms256m`,
      `-Xmx${heapMb}m`,
      '-XX:+UseG1GC',
      '-XX:MaxGCPauseMillis=20',
      '-Djava.awt.headless=true',
      `-Dlog4j.configuration=file:${path.join(__dirname, 'log4j.properties')}`,
      `-Dkafka.logs.dir=${dataDir}`,
      '-cp',
      classpath,
      'kafka.Kafka',
      config,
    ],
    { detached: true, stdio: ['ignore', out, out] },
  );
  child.unref();
  fs.writeFileSync(pidFile(dataDir), `${child.pid}\n${port}\n`);
  let exited = false;
  child.once('exit', () => (exited = true));
  try {
    await waitFor(async () => {
      if (exited) throw new Error(`the Kafka broker exited during start-up; see ${logFile} and ${path.join(dataDir, 'stdout.log')}`);
      return portOpen(port);
    }, 60_000, `Kafka on 127.0.0.1:${port}`);
  } catch (error) {
    releaseDataDir(dataDir, exited ? child.pid : -1);
    throw error;
  }
  if (!quiet) console.log(`[kafka] broker ${KAFKA_VERSION} up on 127.0.0.1:${port} (pid ${child.pid}, log ${logFile})`);
  return { reused: false, pid: child.pid, logFile };
}

/** Stops the broker started from `dataDir`: SIGTERM (controlled shutdown), SIGKILL after a grace period. */
async function stopBroker({ dataDir = DEFAULT_DATA_DIR, signal = 'SIGTERM', graceMs = 20_000, quiet = false } = {}) {
  const pid = readPid(dataDir);
  if (!pid) return false;
  process.kill(pid, signal);
  const gone = () => !alive(pid);
  try {
    await waitFor(async () => gone(), graceMs, `broker pid ${pid} to exit`);
  } catch {
    process.kill(pid, 'SIGKILL');
    await waitFor(async () => gone(), 5_000, `broker pid ${pid} to die`);
  }
  fs.rmSync(pidFile(dataDir), { force: true });
  if (!quiet) console.log(`[kafka] broker pid ${pid} stopped`);
  return true;
}

module.exports = { KAFKA_VERSION, LIBS, DEFAULT_DATA_DIR, fetchJars, startBroker, stopBroker, claimDataDir, readPid, portOpen, waitFor };
