/**
 * Lifecycle journeys (internal API; the gateway exposes them under /api/v1/platform): a tenant's
 * onboarding checklist, the operators' retention check-ins, offboarding feedback.
 */
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  CheckInListDto,
  CheckInQueryDto,
  CheckInViewDto,
  CompleteCheckInDto,
  OffboardingFeedbackListDto,
  OffboardingFeedbackViewDto,
  OnboardingViewDto,
  RecordOffboardingFeedbackDto,
} from '@tenantry/health-api';
import { Caller, InternalCaller, UuidParamPipe } from '@tenantry/service';
import { toCheckInView, toOffboardingFeedbackView } from './journeys.mapper';
import { CompleteCheckInCommand } from './usecases/complete-check-in/complete-check-in.command';
import { CompleteCheckInUseCase } from './usecases/complete-check-in/complete-check-in.use-case';
import { GetOnboardingCommand } from './usecases/get-onboarding/get-onboarding.command';
import { GetOnboardingUseCase } from './usecases/get-onboarding/get-onboarding.use-case';
import { ListCheckInsCommand } from './usecases/list-check-ins/list-check-ins.command';
import { ListCheckInsUseCase } from './usecases/list-check-ins/list-check-ins.use-case';
import { ListOffboardingFeedbackCommand } from './usecases/list-offboarding-feedback/list-offboarding-feedback.command';
import { ListOffboardingFeedbackUseCase } from './usecases/list-offboarding-feedback/list-offboarding-feedback.use-case';
import { RecordOffboardingFeedbackCommand } from './usecases/record-offboarding-feedback/record-offboarding-feedback.command';
import { RecordOffboardingFeedbackUseCase } from './usecases/record-offboarding-feedback/record-offboarding-feedback.use-case';

const CHECK_IN_PAGE = 200;

@Controller('internal/v1')
export class JourneysController {
  constructor(
    private readonly getOnboarding: GetOnboardingUseCase,
    private readonly listCheckIns: ListCheckInsUseCase,
    private readonly completeCheckIn: CompleteCheckInUseCase,
    private readonly recordFeedback: RecordOffboardingFeedbackUseCase,
    private readonly listFeedback: ListOffboardingFeedbackUseCase,
  ) {}

  @Get('tenants/:id/onboarding')
  async onboarding(@Param('id', UuidParamPipe) id: string): Promise<OnboardingViewDto> {
    const view = await this.getOnboarding.execute(new GetOnboardingCommand(id));
    return {
      tenantId: id,
      createdAt: view.createdAt?.toISOString() ?? null,
      items: view.items,
      progressPercent: view.progressPercent,
      complete: view.complete,
      firstValueAt: view.firstValueAt,
      timeToFirstValueSeconds: view.timeToFirstValueSeconds,
    };
  }

  @Get('retention/check-ins')
  async checkIns(@Query() query: CheckInQueryDto): Promise<CheckInListDto> {
    const items = await this.listCheckIns.execute(new ListCheckInsCommand(query.status as 'open' | 'completed' | undefined, CHECK_IN_PAGE));
    return { items: items.map(toCheckInView) };
  }

  @Post('retention/check-ins/:checkInId/complete')
  @HttpCode(200)
  async complete(@Param('checkInId', UuidParamPipe) checkInId: string, @Body() body: CompleteCheckInDto, @Caller() caller: InternalCaller): Promise<CheckInViewDto> {
    return toCheckInView(await this.completeCheckIn.execute(new CompleteCheckInCommand(checkInId, body.note, caller.actor)));
  }

  @Post('tenants/:id/offboarding-feedback')
  async addFeedback(@Param('id', UuidParamPipe) id: string, @Body() body: RecordOffboardingFeedbackDto): Promise<OffboardingFeedbackViewDto> {
    return toOffboardingFeedbackView(await this.recordFeedback.execute(new RecordOffboardingFeedbackCommand(id, body.reason, body.score, body.comment ?? null)));
  }

  @Get('tenants/:id/offboarding-feedback')
  async feedback(@Param('id', UuidParamPipe) id: string): Promise<OffboardingFeedbackListDto> {
    return { items: (await this.listFeedback.execute(new ListOffboardingFeedbackCommand(id))).map(toOffboardingFeedbackView) };
  }
}
