/** GET /me: the calling key describes itself. */
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth';
import { TenantStatusModule } from '../tenant-status';
import { CallerController } from './caller.controller';
import { DescribeCallerUseCase } from './usecases/describe-caller/describe-caller.use-case';

@Module({
  imports: [AuthModule, TenantStatusModule],
  controllers: [CallerController],
  providers: [DescribeCallerUseCase],
})
export class CallerModule {}
