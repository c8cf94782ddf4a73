/** A tenant's dunning state: where its unpaid invoices stand on the ladder. */
import { ApiProperty } from '@nestjs/swagger';

export const DUNNING_STEP_NAMES = ['warning', 'suspended', 'inactive', 'written_off'] as const;
export const DUNNING_STATES = ['none', 'overdue', 'cleared'] as const;

export class DunningStepViewDto {
  @ApiProperty({ enum: DUNNING_STEP_NAMES }) step!: string;
  @ApiProperty({ description: 'Days since the oldest unpaid invoice became overdue, when the step was taken' }) daysOverdue!: number;
  @ApiProperty({ format: 'date-time' }) takenAt!: string;
}

export class DunningRungViewDto {
  @ApiProperty({ enum: DUNNING_STEP_NAMES }) step!: string;
  @ApiProperty({ description: 'Days overdue at which the step is taken' }) days!: number;
  @ApiProperty({ format: 'date-time', description: 'When the step falls due if nothing is paid' }) dueAt!: string;
}

export class DunningEpisodeViewDto {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date-time' }) overdueSince!: string;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) closedAt!: string | null;
  @ApiProperty({ type: [DunningStepViewDto] }) steps!: DunningStepViewDto[];
}

export class DunningViewDto {
  @ApiProperty() tenantId!: string;
  @ApiProperty({ enum: DUNNING_STATES, description: '`overdue`: an episode is open; `cleared`: the last episode was closed by payment; `none`: never in dunning' })
  state!: (typeof DUNNING_STATES)[number];
  @ApiProperty({ description: 'Days since the oldest unpaid invoice became overdue (0 when none is)' }) daysOverdue!: number;
  @ApiProperty({ type: [String], description: 'Unpaid overdue invoices, oldest first' }) overdueInvoiceIds!: string[];
  @ApiProperty({ type: DunningEpisodeViewDto, nullable: true }) episode!: DunningEpisodeViewDto | null;
  @ApiProperty({ type: DunningRungViewDto, nullable: true, description: 'The next step of the ladder, while an episode is open' }) nextStep!: DunningRungViewDto | null;
}
