/**
 * The worker loop that executes sagas outside any consumer transaction. It claims runnable sagas
 * (FOR UPDATE SKIP LOCKED, then a session advisory lock held while it runs one, released by
 * Postgres the moment a crashed process's connection drops), wakes on NOTIFY after a saga is
 * recorded or woken, and otherwise polls — so after a restart it resumes whatever the log says is
 * still running.
 */
import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Client } from 'pg';
import { WorkerLoop } from '@tenantry/messaging';
import { LOGGER } from '@tenantry/service';
import { Logger } from '@tenantry/observability';
import { ProvisioningConfig } from '../provisioning.config';
import { SERVICE } from '../service';
import { SagaEngine } from './saga-engine';
import { SAGA_CHANNEL } from './saga.repository';

const CLAIM_BATCH = 20;

@Injectable()
export class SagaRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private client?: Client;
  /** Woken by NOTIFY, a finished saga and shutdown; one that comes while the loop is claiming makes its next sleep return at once. */
  private readonly loop = new WorkerLoop();
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(
    private readonly engine: SagaEngine,
    private readonly config: ProvisioningConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.loop.start(() => this.work());
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
  }

  private async work(): Promise<void> {
    while (this.loop.running) {
      try {
        if (this.inFlight.size >= this.config.SAGA_CONCURRENCY) {
          await this.loop.sleep(this.config.SAGA_POLL_MS);
          continue;
        }
        const client = await this.connection();
        const sagaIds = await this.claim(client, [...this.inFlight.keys()], this.config.SAGA_CONCURRENCY - this.inFlight.size);
        if (sagaIds.length === 0) {
          await this.loop.sleep(this.config.SAGA_POLL_MS);
          continue;
        }
        for (const sagaId of sagaIds) {
          const run = this.execute(client, sagaId).finally(() => {
            this.inFlight.delete(sagaId);
            this.loop.signal();
          });
          this.inFlight.set(sagaId, run);
        }
      } catch (error) {
        this.logger.warn({ err: error }, 'saga runner cannot reach the database; retrying');
        await this.client?.end().catch(() => undefined);
        this.client = undefined;
        await this.loop.sleep(this.config.SAGA_POLL_MS);
      }
    }
    await Promise.all(this.inFlight.values());
  }

  private async execute(client: Client, sagaId: string): Promise<void> {
    try {
      const result = await this.engine.run(sagaId);
      this.logger.info({ sagaId, result }, 'saga advanced');
    } catch (error) {
      this.logger.error({ err: error, sagaId }, 'saga run failed; will retry');
    } finally {
      await client.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [`saga:${sagaId}`]).catch(() => undefined);
    }
  }

  /**
   * Claims up to `slots` runnable sagas in one statement: the candidates are row-locked (FOR
   * UPDATE SKIP LOCKED, so two runners do not try the same ones), and each is returned only if
   * its session advisory lock was free; the row locks end with the statement, the advisory locks
   * stay until `execute` releases them. Advisory locks are re-entrant within a session, hence the
   * explicit exclusion of the sagas this process runs.
   */
  private async claim(client: Client, running: string[], slots: number): Promise<string[]> {
    // A tenant's sagas run one after another: a later saga waits while an earlier one runs.
    const { rows } = await client.query<{ id: string }>(
      `SELECT candidate.id FROM (
         SELECT s.id, s.run_after FROM saga s
         WHERE s.status = 'running' AND s.run_after <= now() AND s.id <> ALL($1::uuid[])
           AND NOT EXISTS (SELECT 1 FROM saga e WHERE e.tenant_id = s.tenant_id AND e.status = 'running' AND (e.created_at, e.id) < (s.created_at, s.id))
         ORDER BY s.run_after LIMIT $2 FOR UPDATE OF s SKIP LOCKED
       ) AS candidate
       WHERE pg_try_advisory_lock(hashtextextended('saga:' || candidate.id::text, 0))
       ORDER BY candidate.run_after`,
      [running, Math.min(slots, CLAIM_BATCH)],
    );
    return rows.map((row) => row.id);
  }

  private async connection(): Promise<Client> {
    if (this.client) return this.client;
    const client = new Client({ connectionString: this.config.DATABASE_URL, application_name: 'provisioning:saga-runner', options: `-c search_path=${SERVICE.schema}` });
    client.on('notification', () => this.loop.signal());
    client.on('error', (error) => {
      this.logger.warn({ err: error }, 'saga runner lost its connection');
      if (this.client === client) this.client = undefined;
    });
    await client.connect();
    await client.query(`LISTEN ${SAGA_CHANNEL}`);
    this.client = client;
    return client;
  }
}
