/** A tenant's impersonations, newest first (the tenant's admins see who looked, why and how long). */
import { Injectable } from '@nestjs/common';
import { Impersonation, ImpersonationRepository } from '../../../auth';

const LIMIT = 100;

@Injectable()
export class ListImpersonationsUseCase {
  constructor(private readonly impersonations: ImpersonationRepository) {}

  execute(tenantId: string): Promise<Impersonation[]> {
    return this.impersonations.listForTenant(tenantId.toLowerCase(), LIMIT);
  }
}
