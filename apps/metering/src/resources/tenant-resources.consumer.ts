/**
 * Keeps the resources projection: TenantProvisioned (tenantry.tenant.provisioning.v1) says where a
 * tenant's schema (and own database) and storage are; TenantOffboarded and TenantDeleted (tenantry.tenant.lifecycle.v1) end its measuring.
 */
import { TOPICS } from '@tenantry/contracts';
import { EventHandlers } from '@tenantry/messaging';
import { ConsumesEvents, EventConsumerSpec } from '@tenantry/service';
import { RegisterTenantResourcesCommand } from './usecases/register-tenant-resources/register-tenant-resources.command';
import { RegisterTenantResourcesUseCase } from './usecases/register-tenant-resources/register-tenant-resources.use-case';
import { RetireTenantResourcesCommand } from './usecases/retire-tenant-resources/retire-tenant-resources.command';
import { RetireTenantResourcesUseCase } from './usecases/retire-tenant-resources/retire-tenant-resources.use-case';
import { CONSUMER_GROUPS } from '../service';

@ConsumesEvents()
export class TenantResourcesConsumer implements EventConsumerSpec {
  readonly groupId = CONSUMER_GROUPS.resources;
  readonly topics = [TOPICS.TENANT_PROVISIONING.name, TOPICS.TENANT_LIFECYCLE.name] as const;
  readonly handlers: EventHandlers = {
    TenantProvisioned: (event, tx) =>
      this.register.execute(new RegisterTenantResourcesCommand(event.payload.tenantId, event.payload.schemaName, event.payload.storageRoot, new Date(event.meta.time), event.payload.databaseName), tx),
    TenantOffboarded: (event, tx) => this.retire.execute(new RetireTenantResourcesCommand(event.payload.tenantId, new Date(event.meta.time)), tx),
    TenantDeleted: (event, tx) => this.retire.execute(new RetireTenantResourcesCommand(event.payload.tenantId, new Date(event.meta.time)), tx),
  };

  constructor(
    private readonly register: RegisterTenantResourcesUseCase,
    private readonly retire: RetireTenantResourcesUseCase,
  ) {}
}
