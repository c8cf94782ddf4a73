/** POST /internal/v1/tenants/:id/domain/verify. */
import { Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { VerifyDomainUseCase } from './usecases/verify-domain/verify-domain.use-case';

@Controller('internal/v1/tenants/:id/domain')
export class DomainsController {
  constructor(private readonly verifyDomain: VerifyDomainUseCase) {}

  @Post('verify')
  @HttpCode(200)
  verify(@Param('id', new ParseUUIDPipe()) tenantId: string) {
    return this.verifyDomain.execute(tenantId);
  }
}
