/** Lifecycle journeys: onboarding checklist, retention check-ins, offboarding feedback and win-back. */
import { Module } from '@nestjs/common';
import { JourneyBillingConsumer, JourneyHealthConsumer, JourneyLifecycleConsumer, JourneyUsageConsumer } from './journeys.consumers';
import { JourneysController } from './journeys.controller';
import { JourneysRepository } from './journeys.repository';
import { JourneysScheduler } from './journeys.scheduler';
import { PostgresJourneysRepository } from './postgres-journeys.repository';
import { CompleteCheckInUseCase } from './usecases/complete-check-in/complete-check-in.use-case';
import { GetOnboardingUseCase } from './usecases/get-onboarding/get-onboarding.use-case';
import { ListCheckInsUseCase } from './usecases/list-check-ins/list-check-ins.use-case';
import { ListOffboardingFeedbackUseCase } from './usecases/list-offboarding-feedback/list-offboarding-feedback.use-case';
import { OpenChurnCheckInUseCase } from './usecases/open-churn-check-in/open-churn-check-in.use-case';
import { RecordOffboardingFeedbackUseCase } from './usecases/record-offboarding-feedback/record-offboarding-feedback.use-case';
import { RunJourneysUseCase } from './usecases/run-journeys/run-journeys.use-case';
import { TrackFirstUsageUseCase } from './usecases/track-first-usage/track-first-usage.use-case';
import { TrackJourneyUseCase } from './usecases/track-journey/track-journey.use-case';

@Module({
  controllers: [JourneysController],
  providers: [
    { provide: JourneysRepository, useClass: PostgresJourneysRepository },
    TrackJourneyUseCase,
    TrackFirstUsageUseCase,
    OpenChurnCheckInUseCase,
    RunJourneysUseCase,
    GetOnboardingUseCase,
    ListCheckInsUseCase,
    CompleteCheckInUseCase,
    RecordOffboardingFeedbackUseCase,
    ListOffboardingFeedbackUseCase,
    JourneysScheduler,
    JourneyLifecycleConsumer,
    JourneyUsageConsumer,
    JourneyBillingConsumer,
    JourneyHealthConsumer,
  ],
})
export class JourneysModule {}
