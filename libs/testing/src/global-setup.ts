/**
 * Jest global setup for integration and end-to-end tests: real broker, real database, a fresh
 * build (tests spawn compiled services and fixtures) and the catalogue's topics. Jest does not
 * apply moduleNameMapper here, so this file uses the compiled tools rather than the libraries.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureInfrastructure, KAFKA_BROKERS, REPO_ROOT } from './infrastructure';

export default async function globalSetup(): Promise<void> {
  await ensureInfrastructure();
  if (process.env['TENANTRY_SKIP_BUILD'] !== '1') execFileSync(process.execPath, [join(REPO_ROOT, 'tools', 'build.mjs')], { stdio: 'ignore' });
  execFileSync(process.execPath, [join(REPO_ROOT, 'dist', 'tools', 'topics', 'create-topics.js')], { stdio: 'ignore', env: { ...process.env, KAFKA_BROKERS } });
}
