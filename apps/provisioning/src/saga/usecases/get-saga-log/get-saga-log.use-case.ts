/** The tenant's latest saga with its step log, or all of them. */
import { Injectable } from '@nestjs/common';
import { tenantScope } from '@tenantry/persistence';
import { PROVISIONING_PROBLEMS } from '../../../provisioning.problems';
import { SagaRepository } from '../../saga.repository';
import { SagaLogDto, toSagaLogDto } from '../../saga-log.dto';

export interface GetSagaLogQuery {
  tenantId: string;
  all: boolean;
}

@Injectable()
export class GetSagaLogUseCase {
  constructor(private readonly sagas: SagaRepository) {}

  async execute(query: GetSagaLogQuery): Promise<SagaLogDto | { items: SagaLogDto[] }> {
    const scope = tenantScope(query.tenantId);
    const sagas = query.all ? await this.sagas.all(scope) : [await this.sagas.latest(scope)].filter((saga) => saga !== undefined);
    if (sagas.length === 0) throw PROVISIONING_PROBLEMS['saga-not-found'](`tenant ${query.tenantId} has no provisioning or offboarding saga`);
    const items = sagas.map(toSagaLogDto);
    return query.all ? { items } : (items[0] as SagaLogDto);
  }
}
