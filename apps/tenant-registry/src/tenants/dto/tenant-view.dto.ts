/** TenantView and the other response shapes of the internal API (docs/internal-api.md). */
import { DomainType, TenantStatus } from '@tenantry/contracts';

export interface TenantView {
  id: string;
  slug: string;
  name: string;
  status: TenantStatus;
  statusReason: string | null;
  domain: { type: DomainType; value: string; hostname: string; ssl: boolean };
  plan: { id: string; trial: boolean; duration: number | null; trialEndsAt: string | null };
  adminEmail: string;
  configuration: { theme: string; language: string; timezone: string; currency: string };
  resources: { storage: number; bandwidth: number; users: number };
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface TenantPageView {
  items: TenantView[];
  nextCursor: string | null;
}

export interface TenantTransitionView {
  from: TenantStatus | null;
  to: TenantStatus;
  reason: string | null;
  actor: string;
  requestId: string | null;
  at: string;
}

export interface TenantHistoryView {
  items: TenantTransitionView[];
}
