/** The provisioning service: saga engine and runner, provisioning and offboarding steps, and their internal API. */
import { DynamicModule, Module, Provider } from '@nestjs/common';
import { Clock, ServiceModule } from '@tenantry/service';
import { DomainRouteRepository } from './domains/domain-route.repository';
import { PostgresDomainRouteRepository } from './domains/postgres-domain-route.repository';
import { DomainsController } from './domains/domains.controller';
import { VerifyDomainUseCase } from './domains/usecases/verify-domain/verify-domain.use-case';
import { ExportsController } from './exports/exports.controller';
import { ImportRunner } from './imports/import-runner';
import { ImportsController } from './imports/imports.controller';
import { PostgresTenantImportRepository } from './imports/postgres-tenant-import.repository';
import { TenantImportRepository } from './imports/tenant-import.repository';
import { CancelImportUseCase } from './imports/usecases/cancel-import/cancel-import.use-case';
import { GetImportUseCase } from './imports/usecases/get-import/get-import.use-case';
import { RunImportUseCase } from './imports/usecases/run-import/run-import.use-case';
import { StartImportUseCase } from './imports/usecases/start-import/start-import.use-case';
import { TenantExportRepository } from './exports/tenant-export.repository';
import { PostgresTenantExportRepository } from './exports/postgres-tenant-export.repository';
import { GetExportUseCase } from './exports/usecases/get-export/get-export.use-case';
import { PruneExpiredExportsUseCase } from './exports/usecases/prune-expired-exports/prune-expired-exports.use-case';
import { CertificateIssuer, LocalCaCertificateIssuer } from './infrastructure/certificate-issuer';
import { DatabaseIsolation } from './infrastructure/database-isolation';
import { DnsResolver, FileDnsResolver, SystemDnsResolver } from './infrastructure/dns-resolver';
import { ExportArchive, TarExportArchive } from './infrastructure/export-archive';
import { MasterKeyring } from './infrastructure/master-keys';
import { PgTenantDatabase, TenantDatabase } from './infrastructure/tenant-database';
import { TenantSchemaPool } from './infrastructure/tenant-schema-pool';
import { FsTenantStorage, TenantStorage } from './infrastructure/tenant-storage';
import { CryptoTokenGenerator, TokenGenerator } from './infrastructure/token-generator';
import { PostgresSealedSecretRepository } from './keys/postgres-sealed-secret.repository';
import { PostgresTenantDataKeyRepository } from './keys/postgres-tenant-data-key.repository';
import { SealedSecretRepository } from './keys/sealed-secret.repository';
import { TenantDataKeyRepository } from './keys/tenant-data-key.repository';
import { TenantKeys } from './keys/tenant-keys';
import { RotateMasterKeyUseCase } from './keys/usecases/rotate-master-key/rotate-master-key.use-case';
import { LifecycleConsumer } from './lifecycle/lifecycle.consumer';
import { RetryProvisioningUseCase } from './lifecycle/usecases/retry-provisioning/retry-provisioning.use-case';
import { StartOffboardingUseCase } from './lifecycle/usecases/start-offboarding/start-offboarding.use-case';
import { StartProvisioningUseCase } from './lifecycle/usecases/start-provisioning/start-provisioning.use-case';
import { OffboardingSaga } from './offboarding/offboarding.saga';
import { DropDatabaseStep } from './offboarding/steps/drop-database.step';
import { ExportStep } from './offboarding/steps/export.step';
import { RemoveStorageStep } from './offboarding/steps/remove-storage.step';
import { ProvisioningConfig } from './provisioning.config';
import { ProvisioningSaga } from './provisioning/provisioning.saga';
import { AdminUserStep } from './provisioning/steps/admin-user.step';
import { ConfigurationStep } from './provisioning/steps/configuration.step';
import { DatabaseStep } from './provisioning/steps/database.step';
import { DomainStep } from './provisioning/steps/domain.step';
import { StorageStep } from './provisioning/steps/storage.step';
import { TenantCredentialRepository } from './provisioning/tenant-credential.repository';
import { PostgresTenantCredentialRepository } from './provisioning/postgres-tenant-credential.repository';
import { SagaEngine } from './saga/saga-engine';
import { SagaFaults } from './saga/saga-faults';
import { SagaRunner } from './saga/saga-runner';
import { SagaRepository } from './saga/saga.repository';
import { PostgresSagaRepository } from './saga/postgres-saga.repository';
import { GetSagaLogUseCase } from './saga/usecases/get-saga-log/get-saga-log.use-case';
import { SagaLogController } from './saga/saga-log.controller';
import { SERVICE } from './service';
import { PgTenantUsersStore, TenantUsersStore } from './users/tenant-users.store';
import { UsersController } from './users/users.controller';
import { DisableUserUseCase } from './users/usecases/disable-user/disable-user.use-case';
import { InviteUserUseCase } from './users/usecases/invite-user/invite-user.use-case';
import { ListUsersUseCase } from './users/usecases/list-users/list-users.use-case';
import { RecordLoginUseCase } from './users/usecases/record-login/record-login.use-case';

/** The side effects, each behind an interface unit tests replace. */
function infrastructure(config: ProvisioningConfig): Provider[] {
  return [
    { provide: MasterKeyring, useFactory: () => MasterKeyring.fromConfig(config) },
    { provide: TokenGenerator, useClass: CryptoTokenGenerator },
    {
      provide: DnsResolver,
      useFactory: () => {
        if (config.DNS_RESOLVER === 'system') return new SystemDnsResolver();
        if (!config.DNS_RECORDS_FILE) throw new Error('DNS_RESOLVER=file needs DNS_RECORDS_FILE');
        return new FileDnsResolver(config.DNS_RECORDS_FILE);
      },
    },
    LocalCaCertificateIssuer,
    { provide: CertificateIssuer, useExisting: LocalCaCertificateIssuer },
    { provide: TenantDatabase, useFactory: () => new PgTenantDatabase(config.TENANT_DATABASE_URL, config.TENANT_IDENTIFIER_PREFIX, Math.max(4, config.SAGA_CONCURRENCY)) },
    // The same connection holder: users are read and written as the tenant's role in its own database.
    { provide: TenantUsersStore, inject: [TenantDatabase], useFactory: (database: TenantDatabase) => new PgTenantUsersStore(database as PgTenantDatabase) },
    DatabaseIsolation,
    TenantSchemaPool,
    { provide: TenantStorage, useFactory: () => new FsTenantStorage(config.TENANT_STORAGE_ROOT) },
    { provide: ExportArchive, useFactory: () => new TarExportArchive(config.EXPORT_DIR) },
  ];
}

@Module({})
export class AppModule {
  static register(config: ProvisioningConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceModule.forRoot({ definition: SERVICE, config })],
      controllers: [SagaLogController, DomainsController, ExportsController, UsersController, ImportsController],
      providers: [
        ...infrastructure(config),
        { provide: SagaRepository, useClass: PostgresSagaRepository },
        { provide: DomainRouteRepository, useClass: PostgresDomainRouteRepository },
        { provide: TenantCredentialRepository, useClass: PostgresTenantCredentialRepository },
        { provide: TenantExportRepository, useClass: PostgresTenantExportRepository },
        { provide: TenantDataKeyRepository, useClass: PostgresTenantDataKeyRepository },
        { provide: SealedSecretRepository, useClass: PostgresSealedSecretRepository },
        TenantKeys,
        RotateMasterKeyUseCase,
        DomainStep,
        DatabaseStep,
        StorageStep,
        ConfigurationStep,
        AdminUserStep,
        ExportStep,
        DropDatabaseStep,
        RemoveStorageStep,
        ProvisioningSaga,
        OffboardingSaga,
        SagaFaults,
        {
          provide: SagaEngine,
          inject: [SagaRepository, ProvisioningSaga, OffboardingSaga, Clock, SagaFaults],
          useFactory: (store: SagaRepository, provisioning: ProvisioningSaga, offboarding: OffboardingSaga, clock: Clock, faults: SagaFaults) =>
            new SagaEngine(store, [provisioning, offboarding], clock, {
              maxAttempts: config.SAGA_MAX_ATTEMPTS,
              retryBaseMs: config.SAGA_RETRY_BASE_MS,
              beforeStep: (step) => faults.beforeStep(step),
            }),
        },
        SagaRunner,
        StartProvisioningUseCase,
        RetryProvisioningUseCase,
        StartOffboardingUseCase,
        LifecycleConsumer,
        GetSagaLogUseCase,
        VerifyDomainUseCase,
        GetExportUseCase,
        PruneExpiredExportsUseCase,
        InviteUserUseCase,
        ListUsersUseCase,
        DisableUserUseCase,
        RecordLoginUseCase,
        { provide: TenantImportRepository, useClass: PostgresTenantImportRepository },
        ImportRunner,
        StartImportUseCase,
        RunImportUseCase,
        GetImportUseCase,
        CancelImportUseCase,
      ],
    };
  }
}
