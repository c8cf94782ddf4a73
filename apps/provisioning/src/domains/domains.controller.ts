/** POST /internal/v1/tenants/:id/domain/verify. */
import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { UuidParamPipe } from '@tenantry/service';
import { VerifyDomainUseCase } from './usecases/verify-domain/verify-domain.use-case';

@Controller('internal/v1/tenants/:id/domain')
export class DomainsController {
  constructor(private readonly verifyDomain: VerifyDomainUseCase) {}

  @Post('verify')
  @HttpCode(200)
  verify(@Param('id', UuidParamPipe) tenantId: string) {
    return this.verifyDomain.execute(tenantId);
  }
}
