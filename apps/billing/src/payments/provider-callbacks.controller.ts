/**
 * The payment provider's callbacks (webhooks): `POST /payment-provider/callbacks/:provider`. Not an
 * internal API route — the provider calls it, with no gateway token — so it is exempt from the
 * internal-token guard and authenticated by the provider's signature instead (the adapter verifies it
 * over the exact body bytes, kept by the chassis' `rawBody` option). Not routed by the gateway; an
 * install exposes it to the provider (an ingress path for billing's port, or a webhook relay).
 */
import { Controller, HttpCode, Param, Post, RawBodyRequest, Req } from '@nestjs/common';
import { PublicRoute } from '@tenantry/service';
import { PAYMENT_PROBLEMS } from './payments.problems';
import { ReceiveProviderCallbackCommand } from './usecases/receive-provider-callback/receive-provider-callback.command';
import { ReceiveProviderCallbackUseCase } from './usecases/receive-provider-callback/receive-provider-callback.use-case';

interface CallbackRequest {
  headers: Record<string, string | string[] | undefined>;
}

@PublicRoute()
@Controller('payment-provider/callbacks')
export class ProviderCallbacksController {
  constructor(private readonly receive: ReceiveProviderCallbackUseCase) {}

  @Post(':provider')
  @HttpCode(200)
  async callback(@Param('provider') provider: string, @Req() request: RawBodyRequest<CallbackRequest>): Promise<{ received: true; eventId: string; outcome: string }> {
    if (!request.rawBody) throw PAYMENT_PROBLEMS['callback-malformed']('The callback has no JSON body');
    const { eventId, outcome } = await this.receive.execute(new ReceiveProviderCallbackCommand(provider, request.headers, request.rawBody));
    return { received: true, eventId, outcome };
  }
}
