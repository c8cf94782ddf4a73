/**
 * A maintenance window's lifecycle, each step in the caller's transaction with its event in the
 * outbox: scheduled (MaintenanceScheduled; an emergency, or a start already due, starts at once),
 * started (MaintenanceStarted), ended by itself, early or cancelled (MaintenanceEnded).
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { MaintenanceScope } from '@tenantry/contracts';
import { OutboxWriter } from '@tenantry/messaging';
import { Transaction } from '@tenantry/persistence';
import { defineProblems } from '@tenantry/service';
import { MaintenanceWindow } from './maintenance-window.row';
import { MaintenanceRepository } from './maintenance.repository';

export const MAINTENANCE_PROBLEMS = defineProblems({
  'maintenance-not-found': { status: 404, title: 'Maintenance window not found' },
  'maintenance-over': { status: 409, title: 'The maintenance window is already over' },
});

export interface NewMaintenance {
  scope: MaintenanceScope;
  planId: string | null;
  tenantId: string | null;
  /** `null`: now (an emergency). */
  startsAt: Date | null;
  endsAt: Date;
  reason: string;
  actor: string;
  bulkJobId?: string | null;
}

@Injectable()
export class MaintenanceWindows {
  constructor(
    private readonly repository: MaintenanceRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async schedule(tx: Transaction, input: NewMaintenance, now: Date): Promise<MaintenanceWindow> {
    const emergency = input.startsAt === null;
    const window: MaintenanceWindow = {
      id: randomUUID(),
      scope: input.scope,
      planId: input.planId,
      tenantId: input.tenantId,
      startsAt: input.startsAt ?? now,
      endsAt: input.endsAt,
      reason: input.reason,
      emergency,
      status: 'scheduled',
      endedAt: null,
      actor: input.actor,
      bulkJobId: input.bulkJobId ?? null,
      createdAt: now,
    };
    await this.repository.insert(tx, window);
    const tenantIds = await this.affected(tx, window);
    await this.outbox.publish(tx, 'MaintenanceScheduled', {
      maintenanceId: window.id,
      tenantIds,
      startsAt: window.startsAt.toISOString(),
      endsAt: window.endsAt.toISOString(),
      reason: window.reason,
      scope: window.scope,
      ...(window.planId ? { planId: window.planId } : {}),
      emergency,
    });
    return window.startsAt.getTime() <= now.getTime() ? this.start(tx, window, tenantIds) : window;
  }

  /** Scheduled → active. */
  async start(tx: Transaction, window: MaintenanceWindow, known?: string[]): Promise<MaintenanceWindow> {
    await this.repository.setStatus(tx, window.id, 'active', null);
    await this.outbox.publish(tx, 'MaintenanceStarted', {
      maintenanceId: window.id,
      scope: window.scope,
      ...(window.planId ? { planId: window.planId } : {}),
      tenantIds: known ?? (await this.affected(tx, window)),
      startsAt: window.startsAt.toISOString(),
      endsAt: window.endsAt.toISOString(),
      emergency: window.emergency,
      reason: window.reason,
    });
    return { ...window, status: 'active' };
  }

  /** Active → ended (elapsed at its end, or early now); scheduled → cancelled. */
  async end(tx: Transaction, window: MaintenanceWindow, now: Date, early: boolean): Promise<MaintenanceWindow> {
    if (window.status === 'ended' || window.status === 'cancelled') throw MAINTENANCE_PROBLEMS['maintenance-over'](`Maintenance ${window.id} is already ${window.status}`, { windowStatus: window.status });
    const cancelled = window.status === 'scheduled';
    const endedAt = cancelled || early ? now : window.endsAt;
    const endsAt = !cancelled && early && now < window.endsAt ? now : undefined;
    await this.repository.setStatus(tx, window.id, cancelled ? 'cancelled' : 'ended', endedAt, endsAt);
    await this.outbox.publish(tx, 'MaintenanceEnded', {
      maintenanceId: window.id,
      scope: window.scope,
      tenantIds: await this.affected(tx, window),
      endedAt: endedAt.toISOString(),
      outcome: cancelled ? 'cancelled' : early ? 'ended-early' : 'elapsed',
    });
    return { ...window, status: cancelled ? 'cancelled' : 'ended', endedAt, endsAt: endsAt ?? window.endsAt };
  }

  private async affected(tx: Transaction, window: MaintenanceWindow): Promise<string[]> {
    if (window.scope === 'tenant' && window.tenantId) return [window.tenantId];
    if (window.scope === 'plan' && window.planId) return this.repository.tenantIdsOnPlan(window.planId, tx);
    return [];
  }
}
