// The broker script's one-broker-per-data-directory rule: a second start on a directory whose broker
// runs (another port, same checkout) is refused naming it and touches nothing; a pid file left by a
// process that is gone is cleaned up. Real processes and files; no Kafka is started here.
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { broker } from '@tenantry/testing';

jest.setTimeout(60_000);

/** A port nothing listens on. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A live process standing for a broker: its command line names the data directory, as the Java broker's does (its config path). */
function fakeBroker(dataDir: string): ChildProcess {
  return spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)', join(dataDir, 'server.properties')], { stdio: 'ignore' });
}

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid as number;
}

describe('broker data directory lock', () => {
  let dataDir: string;
  const children: ChildProcess[] = [];

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'tenantry-kafka-lock-'));
  });

  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a second broker on a data directory whose broker runs on another port, naming its port and pid and how to stop it, and writes nothing', async () => {
    const running = fakeBroker(dataDir);
    children.push(running);
    writeFileSync(join(dataDir, 'broker.pid'), `${running.pid}\n9399\n`);

    const start = broker.startBroker({ dataDir, port: await freePort(), quiet: true });

    await expect(start).rejects.toThrow(`a Kafka broker (pid ${running.pid} on 127.0.0.1:9399) already runs from ${dataDir}`);
    await expect(start).rejects.toThrow('npm run kafka:stop');
    expect(readFileSync(join(dataDir, 'broker.pid'), 'utf8')).toBe(`${running.pid}\n9399\n`);
    expect(existsSync(join(dataDir, 'server.properties'))).toBe(false);
    expect(running.exitCode).toBeNull();
  });

  it('refuses while another start holds the directory (its broker not up yet)', () => {
    broker.claimDataDir(dataDir, 9401);
    expect(() => broker.claimDataDir(dataDir, 9402)).toThrow(`a Kafka broker (pid ${process.pid} on 127.0.0.1:9401) already runs from ${dataDir}`);
  });

  it('cleans up a pid file whose process is gone, in the old format too, and claims the directory', async () => {
    for (const content of [`${await deadPid()}\n9399\n`, String(await deadPid())]) {
      writeFileSync(join(dataDir, 'broker.pid'), content);
      broker.claimDataDir(dataDir, 9400);
      expect(readFileSync(join(dataDir, 'broker.pid'), 'utf8')).toBe(`${process.pid}\n9400\n`);
      rmSync(join(dataDir, 'broker.pid'));
    }
  });

  it('stops only the broker of its own directory: a pid file naming another program is not a broker to stop', async () => {
    const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], { stdio: 'ignore' });
    children.push(other);
    writeFileSync(join(dataDir, 'broker.pid'), `${other.pid}\n9399\n`);
    expect(await broker.stopBroker({ dataDir, quiet: true })).toBe(false);
    expect(other.exitCode).toBeNull();
  });
});
