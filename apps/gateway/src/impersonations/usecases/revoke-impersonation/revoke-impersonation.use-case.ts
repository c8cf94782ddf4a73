/** Ends an impersonation at once: the next call with its credential is 401 (every call looks the credential up). */
import { Injectable } from '@nestjs/common';
import { Clock } from '@tenantry/service';
import { Impersonation, ImpersonationRepository, Principal } from '../../../auth';
import { IMPERSONATION_PROBLEMS } from '../../impersonation.problems';

@Injectable()
export class RevokeImpersonationUseCase {
  constructor(
    private readonly impersonations: ImpersonationRepository,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, id: string): Promise<Impersonation> {
    const revoked = await this.impersonations.revoke(id, this.clock.now(), principal.keyId);
    if (!revoked) throw IMPERSONATION_PROBLEMS['impersonation-not-found'](`No impersonation ${id}.`);
    return revoked;
  }
}
