/**
 * `node dist/apps/provisioning/src/rotate-keys.js` (npm run provisioning:rotate-keys): one pass of
 * master-key rotation with the service's own environment (SECRET_KEY, SECRET_KEY_PREVIOUS,
 * DATABASE_URL). Prints the report as one JSON line; exits 0 when nothing is left under an older
 * key or format (the older key may then leave SECRET_KEY_PREVIOUS), 1 when something is. Safe to run
 * while the service runs, and again after an interruption.
 */
import { loadConfigOrExit } from '@tenantry/config';
import { createLogger } from '@tenantry/observability';
import { createDataSource, ensureDatabase, runMigrations } from '@tenantry/persistence';
import { MasterKeyring } from './infrastructure/master-keys';
import { PostgresSealedSecretRepository } from './keys/postgres-sealed-secret.repository';
import { PostgresTenantDataKeyRepository } from './keys/postgres-tenant-data-key.repository';
import { TenantKeys } from './keys/tenant-keys';
import { RotateMasterKeyUseCase } from './keys/usecases/rotate-master-key/rotate-master-key.use-case';
import { SERVICE } from './service';

async function main(): Promise<number> {
  const config = loadConfigOrExit(SERVICE.config);
  const logger = createLogger(`${SERVICE.name}:rotate-keys`, config.LOG_LEVEL);
  await ensureDatabase(config.DATABASE_URL);
  const dataSource = createDataSource({ url: config.DATABASE_URL, schema: SERVICE.schema, applicationName: `${SERVICE.name}:rotate-keys`, migrations: SERVICE.migrations, poolSize: 2 });
  await dataSource.initialize();
  try {
    await runMigrations(dataSource, SERVICE.schema);
    const master = MasterKeyring.fromConfig(config);
    const dataKeys = new PostgresTenantDataKeyRepository(dataSource);
    const rotation = new RotateMasterKeyUseCase(master, dataKeys, new PostgresSealedSecretRepository(dataSource), new TenantKeys(master, dataKeys), logger);
    const report = await rotation.execute();
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return report.remaining === 0 ? 0 : 1;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`key rotation failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(2);
  },
);
