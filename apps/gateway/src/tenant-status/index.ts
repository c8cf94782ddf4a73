// The tenant-status feature's public surface.
export { TenantStatusModule } from './tenant-status.module';
export { TenantStatusRepository } from './tenant-status.repository';
export { TenantStateGuard } from './tenant-state.guard';
export { decideTenantState } from './tenant-state-policy';
export type { TenantStateDecision } from './tenant-state-policy';
