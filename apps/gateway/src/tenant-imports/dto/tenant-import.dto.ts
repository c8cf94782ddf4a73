/** The data import routes' answers (provisioning runs the jobs; the file itself is the raw request body). */
import { ApiProperty } from '@nestjs/swagger';

export class ImportRowErrorDto {
  @ApiProperty({ description: '1-based data row (the CSV header line is not counted)' }) row!: number;
  @ApiProperty({ example: 'email' }) field!: string;
  @ApiProperty({ example: 'email must be an e-mail address' }) message!: string;
}

export class ImportFailureDto {
  @ApiProperty({ enum: ['invalid-rows', 'users-limit-reached', 'conflict', 'upload-interrupted', 'internal'] }) code!: string;
  @ApiProperty() message!: string;
  @ApiProperty({ required: false, example: 'users' }) limit?: string;
  @ApiProperty({ required: false }) max?: number;
  @ApiProperty({ required: false }) current?: number;
}

export class TenantImportDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty({ enum: ['users'] }) target!: string;
  @ApiProperty({ enum: ['csv', 'ndjson', 'json'] }) format!: string;
  @ApiProperty({ description: 'Validate only: nothing is ever written' }) dryRun!: boolean;
  @ApiProperty({
    enum: ['receiving', 'validating', 'importing', 'succeeded', 'failed', 'cancelled'],
    description:
      '`succeeded` for a dry run means validated (see rowsInvalid and errors); a real run that fails has written nothing; `cancelled` (POST …/cancel) has written nothing unless the cancel came while the rows committed, when `rowsImported` says they were kept',
  })
  status!: string;
  @ApiProperty({ description: 'Data rows read' }) rowsTotal!: number;
  @ApiProperty() rowsValid!: number;
  @ApiProperty() rowsInvalid!: number;
  @ApiProperty({ description: 'Rows written and kept (all of them, or 0: an import is all or nothing, a cancelled one included)' }) rowsImported!: number;
  @ApiProperty() bytes!: number;
  @ApiProperty({ type: [ImportRowErrorDto], description: 'The first 100 per-row errors' }) errors!: ImportRowErrorDto[];
  @ApiProperty({ type: ImportFailureDto, nullable: true, description: 'Why the whole job failed' }) failure!: ImportFailureDto | null;
  @ApiProperty({ description: '`key:<api-key id>` of the caller' }) createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) finishedAt!: string | null;
}

export class TenantImportListDto {
  @ApiProperty({ type: [TenantImportDto], description: 'The 50 newest, newest first' }) imports!: TenantImportDto[];
}
