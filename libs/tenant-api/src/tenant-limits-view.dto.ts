/** A tenant's limits as the registry answers them: the PUT body's shape plus version and updatedAt. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LIMIT_MODES, LimitMode } from '@tenantry/contracts';

export class LimitValueView {
  @ApiProperty({ minimum: 0, description: 'GB (10^9 bytes) for storage and bandwidth, a count for users and API calls' }) limit!: number;
  @ApiProperty({ enum: LIMIT_MODES }) mode!: LimitMode;
}

export class TenantLimitsViewDto {
  @ApiProperty({ type: LimitValueView, description: 'Stored gigabytes' }) storage!: LimitValueView;
  @ApiProperty({ type: LimitValueView, description: 'Distinct active users per billing month' }) users!: LimitValueView;
  @ApiProperty({ type: LimitValueView, description: 'Gigabytes transferred per billing month' }) bandwidth!: LimitValueView;
  @ApiPropertyOptional({ type: LimitValueView, description: 'API calls per billing month; absent when there is no limit' }) apiCalls?: LimitValueView;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/LimitValueView' },
    description: "Limits on meters by key, in each meter's unit per billing month; absent when there are none",
    example: { documents_processed: { limit: 10000, mode: 'hard' } },
  })
  meters?: Record<string, LimitValueView>;
  @ApiProperty({ minimum: 0, description: 'Bumps on every change (0: derived from the resources, never stored)' }) version!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}
