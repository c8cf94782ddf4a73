/** Bulk operations over many tenants (jobs, items, runner) and maintenance windows (the bulk `schedule-maintenance` action uses them). */
import { Module } from '@nestjs/common';
import { TenantsModule } from '../tenants/tenants.module';
import { MaintenanceClock } from '../maintenance/maintenance.clock';
import { MaintenanceController } from '../maintenance/maintenance.controller';
import { MaintenanceRepository } from '../maintenance/maintenance.repository';
import { MaintenanceWindows } from '../maintenance/maintenance-windows';
import { PostgresMaintenanceRepository } from '../maintenance/postgres-maintenance.repository';
import { AdvanceMaintenanceUseCase } from '../maintenance/usecases/advance-maintenance/advance-maintenance.use-case';
import { EndMaintenanceUseCase } from '../maintenance/usecases/end-maintenance/end-maintenance.use-case';
import { ListMaintenanceUseCase } from '../maintenance/usecases/list-maintenance/list-maintenance.use-case';
import { ScheduleMaintenanceUseCase } from '../maintenance/usecases/schedule-maintenance/schedule-maintenance.use-case';
import { BulkActionApplier } from './bulk-action-applier';
import { BulkJobRepository } from './bulk-job.repository';
import { BulkJobRunner } from './bulk-job.runner';
import { BulkJobsController } from './bulk-jobs.controller';
import { PostgresBulkJobRepository } from './postgres-bulk-job.repository';
import { CancelBulkJobUseCase } from './usecases/cancel-bulk-job/cancel-bulk-job.use-case';
import { GetBulkJobUseCase } from './usecases/get-bulk-job/get-bulk-job.use-case';
import { RunBulkJobUseCase } from './usecases/run-bulk-job/run-bulk-job.use-case';
import { StartBulkJobUseCase } from './usecases/start-bulk-job/start-bulk-job.use-case';

@Module({
  imports: [TenantsModule],
  controllers: [BulkJobsController, MaintenanceController],
  providers: [
    { provide: BulkJobRepository, useClass: PostgresBulkJobRepository },
    { provide: MaintenanceRepository, useClass: PostgresMaintenanceRepository },
    MaintenanceWindows,
    BulkActionApplier,
    StartBulkJobUseCase,
    GetBulkJobUseCase,
    CancelBulkJobUseCase,
    RunBulkJobUseCase,
    BulkJobRunner,
    ScheduleMaintenanceUseCase,
    ListMaintenanceUseCase,
    EndMaintenanceUseCase,
    AdvanceMaintenanceUseCase,
    MaintenanceClock,
  ],
})
export class BulkJobsModule {}
