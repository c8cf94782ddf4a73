/**
 * Keeps the tenant directory: name, admin and language from TenantCreated; language and branding
 * (`branding.logoUrl`, `branding.primaryColor`, each optional) from each TenantConfigChanged; the
 * invited admin from TenantAdminCreated; the host name from TenantProvisioned; the end from
 * TenantOffboarded.
 */
import { Injectable } from '@nestjs/common';
import { Transaction } from '@tenantry/persistence';
import { TenantBranding, TenantDirectory } from '../../directory/tenant-directory.repository';
import { ProjectTenantCommand } from './project-tenant.command';

@Injectable()
export class ProjectTenantUseCase {
  constructor(private readonly directory: TenantDirectory) {}

  async execute(command: ProjectTenantCommand, tx: Transaction): Promise<void> {
    switch (command.kind) {
      case 'created':
        return this.directory.created(tx, command);
      case 'configured': {
        const language = typeof command.configuration['language'] === 'string' ? command.configuration['language'] : undefined;
        const raw = command.configuration['branding'];
        const branding: TenantBranding = {};
        if (raw && typeof raw === 'object') {
          const { logoUrl, primaryColor } = raw as Record<string, unknown>;
          if (typeof logoUrl === 'string') branding.logoUrl = logoUrl;
          if (typeof primaryColor === 'string') branding.primaryColor = primaryColor;
        }
        return this.directory.configured(tx, command.tenantId, { ...(language ? { language } : {}), branding }, command.at);
      }
      case 'admin-invited':
        return this.directory.adminInvited(tx, command.tenantId, command.email, command.expiresAt, command.at);
      case 'provisioned':
        return this.directory.provisioned(tx, command.tenantId, command.hostname, command.at);
      case 'offboarded':
        return this.directory.offboarded(tx, command.tenantId, command.at);
    }
  }
}
