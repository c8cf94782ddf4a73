// `npm test`: installs what is missing, starts the real infrastructure the tests need (Kafka,
// PostgreSQL), builds, then runs lint, typecheck, and the unit, integration and end-to-end suites.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, createTopics, ensureDependencies, infrastructureUp, log, ROOT, run } from '../stack/steps.mjs';

const bin = (name) => join(ROOT, 'node_modules', '.bin', name);

async function main() {
  ensureDependencies();
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
