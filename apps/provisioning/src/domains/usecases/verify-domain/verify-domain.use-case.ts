/**
 * Checks the custom domain's DNS TXT record; once it holds the token the route becomes active,
 * DomainVerified goes into the outbox and the waiting provisioning saga is woken, all in one
 * transaction. Only the verification that activates the route announces it, so a repeated or
 * racing call publishes nothing more.
 */
import { Injectable } from '@nestjs/common';
import { OutboxWriter } from '@tenantry/messaging';
import { Clock } from '@tenantry/service';
import { tenantScope, Transactions } from '@tenantry/persistence';
import { DnsResolver } from '../../../infrastructure/dns-resolver';
import { PROVISIONING_PROBLEMS } from '../../../provisioning.problems';
import { SagaRepository } from '../../../saga/saga.repository';
import { verificationRecord } from '../../domain-route.row';
import { DomainRouteRepository } from '../../domain-route.repository';

@Injectable()
export class VerifyDomainUseCase {
  constructor(
    private readonly routes: DomainRouteRepository,
    private readonly sagas: SagaRepository,
    private readonly dns: DnsResolver,
    private readonly transactions: Transactions,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  async execute(tenantId: string): Promise<{ verified: true; hostname: string }> {
    const scope = tenantScope(tenantId);
    const route = (await this.routes.ofTenant(scope)).find((candidate) => candidate.kind === 'custom');
    if (!route) throw PROVISIONING_PROBLEMS['domain-not-found'](`tenant ${tenantId} has no custom domain`);
    if (route.status === 'active') return { verified: true, hostname: route.hostname };
    const expected = verificationRecord(route);
    const records = await this.dns.txt(expected.name);
    if (!records.some((record) => record.trim() === expected.value)) {
      throw PROVISIONING_PROBLEMS['domain-not-verified'](`publish a TXT record ${expected.name} with the value ${expected.value}, then try again`, { expectedRecord: expected });
    }
    await this.transactions.run(async (tx) => {
      const verifiedAt = this.clock.now();
      if (!(await this.routes.markVerified(tx, route.hostname, verifiedAt))) return;
      await this.outbox.publish(tx, 'DomainVerified', { tenantId, domain: route.hostname, verifiedAt: verifiedAt.toISOString(), method: 'dns-txt' });
      const saga = await this.sagas.latest(scope, 'provision', tx);
      if (saga?.status === 'running') await this.sagas.wake(tx, saga.id);
    });
    return { verified: true, hostname: route.hostname };
  }
}
