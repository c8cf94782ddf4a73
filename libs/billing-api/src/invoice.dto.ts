/** Invoices and billing runs as billing answers them. Amounts are decimal strings fixed to the currency's minor unit. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { InvoiceCreditNoteDto } from './credit-note.dto';

export const INVOICE_STATUSES = ['draft', 'finalized', 'voided'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
export const PAYMENT_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export class InvoiceLineViewDto {
  @ApiProperty({ enum: ['base', 'proration_credit', 'proration_charge', 'usage', 'adjustment', 'credit_applied'] }) kind!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: String, nullable: true }) planId!: string | null;
  @ApiProperty({ type: String, nullable: true }) metric!: string | null;
  @ApiProperty({ description: 'Units (usage) or prorated days (base, proration)' }) quantity!: string;
  @ApiProperty({ example: '29.00' }) amount!: string;
  @ApiPropertyOptional({ format: 'date', example: '2026-01-01', description: 'Adjustment lines: the past period whose late usage the line bills' }) adjustsPeriod?: string;
}

export class InvoiceViewDto {
  @ApiProperty() id!: string;
  @ApiProperty() tenantId!: string;
  @ApiProperty() subscriptionId!: string;
  @ApiProperty({ type: String, nullable: true, example: 'INV-000042', description: 'Assigned at finalization, gapless' }) number!: string | null;
  @ApiProperty({ enum: INVOICE_STATUSES }) status!: InvoiceStatus;
  @ApiProperty({ enum: PAYMENT_STATUSES, nullable: true }) paymentStatus!: PaymentStatus | null;
  @ApiProperty({ format: 'date-time' }) periodStart!: string;
  @ApiProperty({ format: 'date-time' }) periodEnd!: string;
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ type: [InvoiceLineViewDto] }) lines!: InvoiceLineViewDto[];
  @ApiProperty({ example: '40.73' }) subtotal!: string;
  @ApiProperty({ example: '0.2' }) taxRate!: string;
  @ApiProperty({ example: '8.15' }) tax!: string;
  @ApiProperty({ example: '48.88' }) total!: string;
  @ApiProperty({ format: 'date-time', description: 'Until then the invoice stays a draft and late usage lands in it' }) graceEndsAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finalizedAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) dueAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'A voided invoice keeps its number and is not collected' }) voidedAt!: string | null;
  @ApiProperty({ type: [InvoiceCreditNoteDto], description: 'Credit notes issued against the invoice' }) creditNotes!: InvoiceCreditNoteDto[];
}

export class InvoiceListDto {
  @ApiProperty({ type: [InvoiceViewDto] }) invoices!: InvoiceViewDto[];
}

export class InvoiceListQueryDto {
  @ApiPropertyOptional({ enum: INVOICE_STATUSES })
  @IsOptional()
  @IsIn(INVOICE_STATUSES)
  status?: InvoiceStatus;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 24 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class StartBillingRunDto {
  @ApiPropertyOptional({ default: false, description: 'Compute what the run would do and change nothing' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

export class BillingRunPreviewDto {
  @ApiProperty() tenantId!: string;
  @ApiProperty() subscriptionId!: string;
  @ApiProperty({ format: 'date-time' }) periodStart!: string;
  @ApiProperty({ enum: ['created', 'updated', 'unchanged', 'finalized'] }) outcome!: string;
  @ApiProperty() total!: string;
  @ApiProperty() currency!: string;
}

export class BillingRunViewDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['running', 'completed', 'failed'] }) status!: string;
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt!: string | null;
  @ApiProperty({ description: 'Subscriptions looked at so far' }) subscriptions!: number;
  @ApiProperty() invoicesCreated!: number;
  @ApiProperty() invoicesUpdated!: number;
  @ApiProperty() invoicesUnchanged!: number;
  @ApiProperty() invoicesFinalized!: number;
  @ApiProperty({ type: [BillingRunPreviewDto], nullable: true, description: 'Dry runs: what would happen' }) preview!: BillingRunPreviewDto[] | null;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
}

