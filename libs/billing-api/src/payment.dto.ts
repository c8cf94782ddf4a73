/** Payment methods and payments as billing takes and answers them. A card number is only ever in the attach request; billing keeps a token, the brand, the last 4 digits and the expiry. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export class AttachPaymentMethodDto {
  @ApiProperty({ example: '4242424242424242', description: 'The card number, 12 to 19 digits; sent to the payment provider and never stored or answered' })
  @IsString({ message: 'must be a string of 12 to 19 digits' })
  @Matches(/^\d{12,19}$/, { message: 'must be 12 to 19 digits' })
  number!: string;

  @ApiProperty({ minimum: 1, maximum: 12, example: 12 })
  @IsInt({ message: 'must be an integer from 1 to 12' })
  @Min(1, { message: 'must be an integer from 1 to 12' })
  @Max(12, { message: 'must be an integer from 1 to 12' })
  expMonth!: number;

  @ApiProperty({ minimum: 2000, maximum: 2100, example: 2030 })
  @IsInt({ message: 'must be a four-digit year' })
  @Min(2000, { message: 'must be a four-digit year' })
  @Max(2100, { message: 'must be a four-digit year' })
  expYear!: number;

  @ApiPropertyOptional({ example: '123', description: 'Sent to the provider, never stored' })
  @IsOptional()
  @IsString({ message: 'must be 3 or 4 digits' })
  @Matches(/^\d{3,4}$/, { message: 'must be 3 or 4 digits' })
  cvc?: string;

  @ApiPropertyOptional({ description: "Make it the tenant's default payment method (the first one always is)" })
  @IsOptional()
  @IsBoolean({ message: 'must be a boolean' })
  makeDefault?: boolean;
}

export class PaymentMethodViewDto {
  @ApiProperty() id!: string;
  @ApiProperty() tenantId!: string;
  @ApiProperty({ example: 'sandbox' }) provider!: string;
  @ApiProperty({ example: 'visa' }) brand!: string;
  @ApiProperty({ example: '4242' }) last4!: string;
  @ApiProperty({ example: 12 }) expMonth!: number;
  @ApiProperty({ example: 2030 }) expYear!: number;
  @ApiProperty() isDefault!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class PaymentMethodListDto {
  @ApiProperty({ type: [PaymentMethodViewDto] }) paymentMethods!: PaymentMethodViewDto[];
}

export const PAYMENT_ATTEMPT_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type PaymentAttemptStatus = (typeof PAYMENT_ATTEMPT_STATUSES)[number];

export class PaymentViewDto {
  @ApiProperty() id!: string;
  @ApiProperty() tenantId!: string;
  @ApiProperty() invoiceId!: string;
  @ApiProperty() paymentMethodId!: string;
  @ApiProperty({ description: 'The Idempotency-Key of the request, or one billing made up' }) idempotencyKey!: string;
  @ApiProperty({ example: '33.79' }) amount!: string;
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ enum: PAYMENT_ATTEMPT_STATUSES, description: 'pending until the provider confirms the charge' }) status!: PaymentAttemptStatus;
  @ApiProperty({ type: String, nullable: true, example: 'card_declined' }) failureCode!: string | null;
  @ApiProperty({ description: "The attempt's number for this invoice" }) attempt!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) settledAt!: string | null;
}
