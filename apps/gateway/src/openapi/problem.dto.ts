/** RFC 9457 problem details, as every error leaves the gateway. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class FieldProblemDto {
  @ApiProperty({ example: 'adminEmail' }) field!: string;
  @ApiProperty({ example: 'adminEmail must be an email' }) message!: string;
}

export class ProblemDto {
  @ApiProperty({ example: 'https://tenantry.dev/problems/validation-failed', format: 'uri' }) type!: string;
  @ApiProperty({ example: 'Your request is not valid' }) title!: string;
  @ApiProperty({ example: 400 }) status!: number;
  @ApiPropertyOptional() detail?: string;
  @ApiPropertyOptional({ example: '/api/v1/platform/tenants' }) instance?: string;
  @ApiPropertyOptional({ type: [FieldProblemDto], description: 'Every invalid field (validation-failed)' }) errors?: FieldProblemDto[];
}
