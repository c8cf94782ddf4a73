/** Revenue reporting and a tenant's billing summary as billing answers them. Amounts are decimal strings fixed to the currency's minor unit. */
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { PAYMENT_STATUSES, PaymentStatus } from './invoice.dto';

/** `YYYY-MM`, a UTC calendar month. */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
/** The longest range one report covers. */
export const MAX_REVENUE_MONTHS = 36;

export class RevenueQueryDto {
  @ApiProperty({ example: '2026-01', description: 'First month (UTC), YYYY-MM' })
  @IsString()
  @Matches(MONTH_PATTERN, { message: 'from must be a month as YYYY-MM' })
  from!: string;

  @ApiProperty({ example: '2026-06', description: `Last month (UTC), YYYY-MM, not before from, at most ${MAX_REVENUE_MONTHS} months in all` })
  @IsString()
  @Matches(MONTH_PATTERN, { message: 'to must be a month as YYYY-MM' })
  to!: string;
}

export class RevenueCurrencyMonthDto {
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ example: '1200.00', description: 'MRR at 00:00 UTC on the 1st of the month' }) startMrr!: string;
  @ApiProperty({ example: '1328.00', description: 'MRR at 00:00 UTC on the 1st of the next month' }) endMrr!: string;
  @ApiProperty({ example: '14400.00', description: '12 × startMrr' }) startArr!: string;
  @ApiProperty({ example: '15936.00', description: '12 × endMrr' }) endArr!: string;
  @ApiProperty({ example: '29.00', description: 'From subscriptions that never paid before (trial conversions, first paid plan)' }) new!: string;
  @ApiProperty({ example: '140.00', description: 'Increases of paying subscriptions (upgrades)' }) expansion!: string;
  @ApiProperty({ example: '70.00', description: 'Decreases of subscriptions still paying (downgrades)' }) contraction!: string;
  @ApiProperty({ example: '29.00', description: 'MRR of subscriptions that stopped paying (deactivated, deleted, moved to a free plan)' }) churn!: string;
  @ApiProperty({ example: '0.00', description: 'From subscriptions that paid before, stopped, and pay again' }) reactivation!: string;
  @ApiProperty({ example: 42, description: 'Subscriptions with MRR above 0 at the end of the month' }) payingAtEnd!: number;
}

export class RevenueMonthDto {
  @ApiProperty({ example: '2026-01' }) month!: string;
  @ApiProperty({ type: [RevenueCurrencyMonthDto], description: 'One group per currency (tenants are billed in their own currency; nothing is converted)' })
  currencies!: RevenueCurrencyMonthDto[];
}

export class RevenueReportDto {
  @ApiProperty({ example: '2026-01' }) from!: string;
  @ApiProperty({ example: '2026-06' }) to!: string;
  @ApiProperty({ type: [RevenueMonthDto] }) months!: RevenueMonthDto[];
}

export class BillingSummaryInvoiceDto {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'INV-000042' }) number!: string;
  @ApiProperty({ format: 'date-time' }) periodStart!: string;
  @ApiProperty({ example: '48.88' }) total!: string;
  @ApiProperty({ enum: PAYMENT_STATUSES, nullable: true, description: 'null: a zero invoice, closed without a payment' }) paymentStatus!: PaymentStatus | null;
  @ApiProperty({ format: 'date-time' }) finalizedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) dueAt!: string | null;
}

export class BillingSummaryDto {
  @ApiProperty() tenantId!: string;
  @ApiProperty({ example: 'growth' }) planId!: string;
  @ApiProperty({ example: 1 }) planVersion!: number;
  @ApiProperty({ enum: ['trialing', 'active', 'canceled'], description: "The subscription's status" }) status!: string;
  @ApiProperty({ description: 'Deactivated or deleted (its MRR counts 0)' }) canceled!: boolean;
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ example: '99.00', description: "The tenant's MRR contribution now: its plan's monthly price, 0 on a trial, a free plan or canceled" }) mrr!: string;
  @ApiProperty({ example: '118.80', description: 'Sum of the totals of finalized invoices not paid yet (payment pending or failed)' }) outstanding!: string;
  @ApiProperty({ example: 1, description: 'How many finalized invoices are not paid yet' }) unpaidInvoices!: number;
  @ApiProperty({ example: 0, description: 'Whole days since the due date of the oldest unpaid invoice (0 when nothing is past due)' }) overdueDays!: number;
  @ApiProperty({ type: BillingSummaryInvoiceDto, nullable: true, description: 'The latest finalized invoice' }) lastInvoice!: BillingSummaryInvoiceDto | null;
}
