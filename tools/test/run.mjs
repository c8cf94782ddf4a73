// `npm test`: installs what is missing (npm dependencies; poppler-utils for pdftotext; chromium for the console's browser tests), starts the real infrastructure the tests need (Kafka,
// PostgreSQL), builds, then runs lint, typecheck, and the unit, integration and end-to-end suites.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, createTopics, ensureDependencies, infrastructureUp, log, ROOT, run } from '../stack/steps.mjs';

const bin = (name) => join(ROOT, 'node_modules', '.bin', name);

const hasCommand = (command, args) => !spawnSync(command, args, { stdio: 'ignore' }).error;

/**
 * The tests read invoice PDFs back with poppler's `pdftotext`. A fresh machine (CI) may lack it: as
 * root with apt-get, install poppler-utils quietly; otherwise stop with the instruction.
 */
function ensurePdftotext() {
  if (hasCommand('pdftotext', ['-v'])) return;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || !hasCommand('apt-get', ['--version'])) {
    throw Object.assign(new Error('pdftotext is missing (the invoice PDF tests need it): install poppler-utils (sudo apt-get install -y poppler-utils, or brew install poppler) and run again'), { exitCode: 1 });
  }
  log('deps', 'pdftotext is missing: installing poppler-utils (apt-get)…');
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'poppler-utils'], { env });
  if (!hasCommand('pdftotext', ['-v'])) throw Object.assign(new Error('poppler-utils was installed but pdftotext still does not run'), { exitCode: 1 });
  log('deps', 'poppler-utils installed.');
}

/**
 * The console's browser tests drive Debian's Chromium through playwright-core (browser downloads are
 * not possible here). A fresh machine may lack it: as root with apt-get, install the chromium package
 * quietly; otherwise stop with the instruction. CHROMIUM_PATH names another Chromium.
 */
const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
function ensureChromium() {
  if (process.env.CHROMIUM_PATH ? existsSync(process.env.CHROMIUM_PATH) : CHROMIUM_PATHS.some((path) => existsSync(path))) return;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || !hasCommand('apt-get', ['--version'])) {
    throw Object.assign(new Error('Chromium is missing (the console browser tests need it): install it (sudo apt-get install -y chromium) or set CHROMIUM_PATH, and run again'), { exitCode: 1 });
  }
  log('deps', 'Chromium is missing: installing chromium (apt-get)…');
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { env });
  if (!CHROMIUM_PATHS.some((path) => existsSync(path))) throw Object.assign(new Error('chromium was installed but /usr/bin/chromium is not there'), { exitCode: 1 });
  log('deps', 'chromium installed.');
}

async function main() {
  ensureDependencies();
  ensurePdftotext();
  ensureChromium();
  const infrastructure = await infrastructureUp();
  let exitCode = 0;
  try {
    build();
    createTopics();

    log('lint', 'eslint (type-aware, Nx module boundaries)…');
    // The module-boundaries rule reads Nx's project graph; compute it first.
    run(bin('nx'), ['show', 'projects'], { env: { NX_DAEMON: 'false', NX_NO_CLOUD: 'true' } });
    run(bin('eslint'), ['.', '--max-warnings', '0']);

    log('typecheck', 'tsc --noEmit over every project…');
    run(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
    run(bin('tsc'), ['-p', 'apps/console/tsconfig.json', '--noEmit']);

    log('test', 'jest: unit, integration (real Kafka + Postgres), end-to-end…');
    const report = join(mkdtempSync(join(tmpdir(), 'tenantry-jest-')), 'report.json');
    try {
      run(bin('jest'), ['--runInBand', '--json', `--outputFile=${report}`], { env: { TENANTRY_SKIP_BUILD: '1' } });
    } finally {
      try {
        const results = JSON.parse(readFileSync(report, 'utf8'));
        console.log(`jest: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests + results.numTodoTests} skipped`);
      } catch {
        // No report: jest did not get as far as running tests; its own output says why.
      }
    }
  } catch (error) {
    console.error(`[test] ${error.message}`);
    exitCode = error.exitCode ?? 1;
  } finally {
    if (process.env.TENANTRY_KEEP_INFRA !== '1') await infrastructure.down();
  }
  process.exit(exitCode);
}

main().catch((error) => {
  console.error(`[test] ${error.stack ?? error}`);
  process.exit(1);
});
