/** Invoice corrections as billing takes and answers them: voiding, and credit notes (amounts are decimal strings in the invoice's currency). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export const CREDIT_NOTE_REASONS = ['duplicate', 'fraudulent', 'order_change', 'product_unsatisfactory', 'other'] as const;
export type CreditNoteReason = (typeof CREDIT_NOTE_REASONS)[number];
/** `credit`: a balance the tenant's next invoices use up; `refund`: money back through the payment provider (paid invoices only). */
export const CREDIT_NOTE_METHODS = ['credit', 'refund'] as const;
export type CreditNoteMethod = (typeof CREDIT_NOTE_METHODS)[number];

export class IssueCreditNoteDto {
  @ApiProperty({ enum: CREDIT_NOTE_REASONS })
  @IsIn(CREDIT_NOTE_REASONS, { message: `must be one of ${CREDIT_NOTE_REASONS.join(', ')}` })
  reason!: CreditNoteReason;

  @ApiProperty({ example: '12.50', description: "A positive decimal string in the invoice's currency, at most the invoice total less what is already credited" })
  @IsString({ message: 'must be a decimal string such as "12.50"' })
  @Matches(/^\d{1,14}(\.\d{1,6})?$/, { message: 'must be a decimal string such as "12.50"' })
  amount!: string;

  @ApiPropertyOptional({ enum: CREDIT_NOTE_METHODS, default: 'credit', description: "`credit`: applied to the tenant's next invoices; `refund`: paid back through the payment provider (a paid invoice only)" })
  @IsOptional()
  @IsIn(CREDIT_NOTE_METHODS, { message: `must be one of ${CREDIT_NOTE_METHODS.join(', ')}` })
  method?: CreditNoteMethod;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MaxLength(500, { message: 'must be at most 500 characters' })
  memo?: string;
}

export class CreditNoteViewDto {
  @ApiProperty() id!: string;
  @ApiProperty() tenantId!: string;
  @ApiProperty() invoiceId!: string;
  @ApiProperty({ example: 'CN-000001', description: 'Gapless, a series of its own' }) number!: string;
  @ApiProperty({ enum: CREDIT_NOTE_REASONS }) reason!: CreditNoteReason;
  @ApiProperty({ type: String, nullable: true }) memo!: string | null;
  @ApiProperty({ example: '12.50' }) amount!: string;
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ enum: CREDIT_NOTE_METHODS }) method!: CreditNoteMethod;
  @ApiProperty({ enum: ['pending', 'succeeded'], nullable: true, type: String, description: 'Refunds: whether the provider has taken it' }) refundStatus!: 'pending' | 'succeeded' | null;
  @ApiProperty() idempotencyKey!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class CreditNoteListDto {
  @ApiProperty({ type: [CreditNoteViewDto] }) creditNotes!: CreditNoteViewDto[];
  @ApiProperty({ example: '48.88', description: 'The invoice total less every credit note against it' }) remainingCreditable!: string;
}

/** A credit note as the invoice lists it. */
export class InvoiceCreditNoteDto {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'CN-000001' }) number!: string;
  @ApiProperty({ enum: CREDIT_NOTE_METHODS }) method!: CreditNoteMethod;
  @ApiProperty({ example: '12.50' }) amount!: string;
}
