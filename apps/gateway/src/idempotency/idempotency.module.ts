/** Idempotency-Key handling for POST requests. */
import { Module } from '@nestjs/common';
import { IdempotencyRepository } from './idempotency.repository';
import { PostgresIdempotencyRepository } from './postgres-idempotency.repository';
import { IdempotencyService } from './idempotency.service';

@Module({ providers: [{ provide: IdempotencyRepository, useClass: PostgresIdempotencyRepository }, IdempotencyService], exports: [IdempotencyService] })
export class IdempotencyModule {}
