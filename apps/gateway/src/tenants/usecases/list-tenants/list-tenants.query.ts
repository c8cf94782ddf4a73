/** List tenants as the caller may see them. */
import { Principal } from '../../../auth';
import { ListTenantsQueryDto } from '../../dto/list-tenants.query.dto';

export class ListTenantsQuery {
  constructor(
    readonly principal: Principal,
    readonly requestId: string,
    readonly filters: ListTenantsQueryDto,
    readonly path: string,
  ) {}
}
