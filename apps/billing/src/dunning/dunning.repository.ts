/** Dunning episodes and their steps, and the overdue invoices they are about; every query names the tenant. */
import { DunningStep } from '@tenantry/contracts';
import { TenantScope, Transaction } from '@tenantry/persistence';

export interface OverdueInvoice {
  invoiceId: string;
  /** The earlier of its due date and its first failed charge. */
  overdueSince: Date;
}

export interface DunningStepTaken {
  step: DunningStep;
  daysOverdue: number;
  takenAt: Date;
}

export interface DunningEpisode {
  id: string;
  tenantId: string;
  /** When the oldest unpaid invoice became overdue, as the episode opened. */
  overdueSince: Date;
  openedAt: Date;
  closedAt: Date | null;
  steps: DunningStepTaken[];
}

export abstract class DunningRepository {
  /** Tenants with an overdue invoice at `now` or an open episode, by tenant id after `afterTenantId`. */
  abstract tenantsToReview(now: Date, limit: number, afterTenantId?: string): Promise<string[]>;
  /** Locks the tenant's billing account: one review of a tenant at a time, across instances. False: no account. */
  abstract lockAccount(tx: Transaction, scope: TenantScope): Promise<boolean>;
  /** Finalized invoices unpaid and overdue at `now`, oldest first. */
  abstract overdueInvoices(scope: TenantScope, now: Date, tx?: Transaction): Promise<OverdueInvoice[]>;
  abstract openEpisode(scope: TenantScope, tx?: Transaction): Promise<DunningEpisode | undefined>;
  /** The open episode, or else the latest closed one. */
  abstract latestEpisode(scope: TenantScope): Promise<DunningEpisode | undefined>;
  abstract startEpisode(tx: Transaction, episode: DunningEpisode): Promise<void>;
  /** Records a step of an episode; false when it was taken already (it happens once). */
  abstract recordStep(tx: Transaction, scope: TenantScope, episodeId: string, step: DunningStepTaken): Promise<boolean>;
  abstract closeEpisode(tx: Transaction, scope: TenantScope, episodeId: string, at: Date): Promise<void>;
  /** Ends automatic collection of every invoice of the tenant (written off: no more charges). */
  abstract stopCollections(tx: Transaction, scope: TenantScope): Promise<void>;
}
