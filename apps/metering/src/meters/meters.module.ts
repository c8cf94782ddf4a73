/** Meters: their definitions (metering.meter), the in-memory catalogue the hot paths read, and the meters API. */
import { Global, Module } from '@nestjs/common';
import { MeterCatalogue } from './meter-catalogue';
import { MeterRepository } from './meter.repository';
import { MetersController } from './meters.controller';
import { PostgresMeterRepository } from './postgres-meter.repository';
import { ChangeMeterUseCase } from './usecases/change-meter/change-meter.use-case';
import { DefineMeterUseCase } from './usecases/define-meter/define-meter.use-case';
import { GetMeterUseCase } from './usecases/get-meter/get-meter.use-case';
import { ListMetersUseCase } from './usecases/list-meters/list-meters.use-case';

@Global()
@Module({
  controllers: [MetersController],
  providers: [{ provide: MeterRepository, useClass: PostgresMeterRepository }, MeterCatalogue, ListMetersUseCase, GetMeterUseCase, DefineMeterUseCase, ChangeMeterUseCase],
  exports: [MeterRepository, MeterCatalogue],
})
export class MetersModule {}
