/** The public billing routes: validated and authorised here (bodies from libs/billing-api), answered by billing. */
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOkResponse, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  AttachPaymentMethodDto,
  BillingRunViewDto,
  BillingSummaryDto,
  ChangeSubscriptionDto,
  CreatePlanDto,
  CreditNoteListDto,
  CreditNoteViewDto,
  DunningViewDto,
  InvoiceListDto,
  InvoiceListQueryDto,
  InvoiceViewDto,
  IssueCreditNoteDto,
  PaymentMethodListDto,
  PaymentMethodViewDto,
  PaymentViewDto,
  PlanListDto,
  PlanViewDto,
  RevenueQueryDto,
  RevenueReportDto,
  StartBillingRunDto,
  SubscriptionViewDto,
  UpdatePlanDto,
} from '@tenantry/billing-api';
import { UuidParamPipe } from '@tenantry/service';
import { AuthenticationGuard, AuthorizationGuard, GatewayRequest, PlatformOperation, requirePrincipal } from '../auth';
import { ApiProblems } from '../openapi';
import { TenantStateGuard } from '../tenant-status';
import { queryString, ReplyLike, UpstreamProxy } from '../upstream';
import { PlanIdPipe } from './plan-id.pipe';

const INTERNAL = '/internal/v1';
/** An Idempotency-Key: 1–255 visible ASCII characters (billing checks it the same way). */

@ApiTags('billing')
@ApiBearerAuth('apiKey')
@ApiProblems(401, 503)
@UseGuards(AuthenticationGuard, AuthorizationGuard, TenantStateGuard)
@Controller('api/v1/platform')
export class BillingController {
  constructor(private readonly upstream: UpstreamProxy) {}

  @Get('plans')
  @PlatformOperation('listPlans', 'The plan catalogue', 'Every plan at its current version, cheapest first. Prices are decimal strings in the currency of the tenant.')
  @ApiOkResponse({ type: PlanListDto, description: 'The plans' })
  @ApiProblems(403)
  async listPlans(@Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'billing', method: 'GET', path: `${INTERNAL}/plans` });
  }

  @Get('plans/:planId')
  @PlatformOperation('getPlan', 'One plan', 'The plan at its current version.')
  @ApiOkResponse({ type: PlanViewDto, description: 'The plan' })
  @ApiProblems(400, 403, 404)
  async getPlan(@Param('planId', PlanIdPipe) planId: string, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'billing', method: 'GET', path: `${INTERNAL}/plans/${planId}` });
  }

  @Post('plans')
  @PlatformOperation('createPlan', 'Add a plan', 'Version 1 of a new plan, with its base price per month, trial days and usage charges (standard, graduated, volume, package).')
  @ApiBody({ type: CreatePlanDto })
  @ApiResponse({ status: 201, type: PlanViewDto, description: 'The new plan' })
  @ApiProblems(400, 403, 409)
  async createPlan(@Body() body: CreatePlanDto, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'billing', method: 'POST', path: `${INTERNAL}/plans`, body });
  }

  @Put('plans/:planId')
  @PlatformOperation('updatePlan', 'Change a plan', 'Writes the next version and makes it current; subscriptions keep their version until they change plan.')
  @ApiBody({ type: UpdatePlanDto })
  @ApiOkResponse({ type: PlanViewDto, description: 'The plan at its new version' })
  @ApiProblems(400, 403, 404)
  async updatePlan(@Param('planId', PlanIdPipe) planId: string, @Body() body: UpdatePlanDto, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'billing', method: 'PUT', path: `${INTERNAL}/plans/${planId}`, body });
  }

  @Get('tenants/:id/subscription')
  @PlatformOperation('getSubscription', "A tenant's subscription", 'Plan and version, status, currency, tax rate, the current billing period (UTC calendar month) and a scheduled downgrade.')
  @ApiOkResponse({ type: SubscriptionViewDto, description: 'The subscription' })
  @ApiProblems(400, 403, 404)
  async getSubscription(@Param('id', UuidParamPipe) id: string, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'billing', method: 'GET', path: `${INTERNAL}/tenants/${id}/subscription` });
  }

  @Get('tenants/:id/dunning')
  @PlatformOperation('getDunning', "A tenant's dunning state", 'Where its unpaid invoices stand on the dunning ladder: days overdue, the open (or last) episode with the steps taken, and the next step with its date.')
  @ApiOkResponse({ type: DunningViewDto, description: 'The dunning state' })
  @ApiProblems(400, 403, 404)
  async getDunning(@Param('id', UuidParamPipe) id: string, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'billing', method: 'GET', path: `${INTERNAL}/tenants/${id}/dunning` });
  }

  @Put('tenants/:id/subscription')
  @PlatformOperation('updateSubscription', "Change a tenant's subscription", 'A dearer plan applies at once (prorated credit and charge); a cheaper one at the end of the period. `taxRate` is a fraction.')
  @ApiBody({ type: ChangeSubscriptionDto })
  @ApiOkResponse({ type: SubscriptionViewDto, description: 'The subscription after the change' })
  @ApiProblems(400, 403, 404)
  async updateSubscription(@Param('id', UuidParamPipe) id: string, @Body() body: ChangeSubscriptionDto, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'billing', method: 'PUT', path: `${INTERNAL}/tenants/${id}/subscription`, body });
  }

  @Get('tenants/:id/invoices')
  @PlatformOperation('listInvoices', "A tenant's invoices", 'Newest period first; a tenant-admin key reads its own tenant only.')
  @ApiOkResponse({ type: InvoiceListDto, description: 'The invoices with their lines' })
  @ApiProblems(400, 403, 404)
  async listInvoices(@Param('id', UuidParamPipe) id: string, @Query() query: InvoiceListQueryDto, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'billing', method: 'GET', path: `${INTERNAL}/tenants/${id}/invoices${queryString(query)}` });
  }

  @Get('tenants/:id/invoices/:invoiceId')
  @PlatformOperation('getTenantInvoice', "One of a tenant's invoices", 'The invoice id of another tenant answers 404.')
  @ApiOkResponse({ type: InvoiceViewDto, description: 'The invoice' })
  @ApiProblems(400, 403, 404)
  async getTenantInvoice(@Param('id', UuidParamPipe) id: string, @Param('invoiceId', UuidParamPipe) invoiceId: string, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'billing', method: 'GET', path: `${INTERNAL}/tenants/${id}/invoices/${invoiceId}` });
  }

  @Get('invoices/:invoiceId')
  @PlatformOperation('getInvoice', 'An invoice by id', 'The invoice of any tenant, for the platform roles.')
  @ApiOkResponse({ type: InvoiceViewDto, description: 'The invoice' })
  @ApiProblems(400, 403, 404)
  async getInvoice(@Param('invoiceId', UuidParamPipe) invoiceId: string, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'billing', method: 'GET', path: `${INTERNAL}/invoices/${invoiceId}` });
  }

  @Get('invoices/:invoiceId/pdf')
  @PlatformOperation(
    'getInvoicePdf',
    'An invoice as a PDF',
    "A finalized (or voided) invoice as a PDF under the tenant's name: number, dates, period, lines, subtotal, tax, total, currency and payment status; the same invoice gives the same bytes (dated at its finalization). A draft answers 409. A tenant-admin key gets its own tenant's invoices only (another's: 404).",
  )
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(400, 403, 404, 409)
  async getInvoicePdf(@Param('invoiceId', UuidParamPipe) invoiceId: string, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    const { tenantId } = requirePrincipal(request);
    const path = tenantId ? `${INTERNAL}/tenants/${tenantId}/invoices/${invoiceId}/pdf` : `${INTERNAL}/invoices/${invoiceId}/pdf`;
    await this.upstream.relay(request, reply, { upstream: 'billing', method: 'GET', path, binary: true });
  }

  @Get('revenue')
  @PlatformOperation(
    'getRevenue',
    'Revenue: MRR, ARR and movements per month',
    'For each month from `from` to `to` (YYYY-MM, at most 36 months) and each currency: MRR at the start and end of the month (plan prices per month; usage excluded; trials, free plans and canceled tenants count 0), ARR = 12 × MRR, and the movements new, expansion, contraction, churn and reactivation, with end = start + new + expansion + reactivation − contraction − churn.',
  )
  @ApiOkResponse({ type: RevenueReportDto, description: 'The report' })
  @ApiProblems(400, 403)
  async getRevenue(@Query() query: RevenueQueryDto, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'billing', method: 'GET', path: `${INTERNAL}/revenue${queryString(query)}` });
  }

  @Get('tenants/:id/billing-summary')
  @PlatformOperation('getBillingSummary', "A tenant's billing summary", 'Its plan, MRR contribution, outstanding balance (finalized invoices not paid yet), days past due of the oldest, and its last invoice with its payment status. A tenant-admin key reads its own tenant only.')
  @ApiOkResponse({ type: BillingSummaryDto, description: 'The summary' })
  @ApiProblems(400, 403, 404)
  async getBillingSummary(@Param('id', UuidParamPipe) id: string, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'billing', method: 'GET', path: `${INTERNAL}/tenants/${id}/billing-summary` });
  }

  @Post('billing/runs')
  @PlatformOperation('startBillingRun', 'Start a billing run', 'Invoices every subscription whose period ended and finalizes drafts past their grace window; idempotent. `dryRun` changes nothing and previews.')
  @ApiBody({ type: StartBillingRunDto })
  @ApiResponse({ status: 202, type: BillingRunViewDto, description: 'The run, started' })
  @ApiProblems(400, 403)
  async startRun(@Body() body: StartBillingRunDto, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'billing', method: 'POST', path: `${INTERNAL}/billing/runs`, body });
  }

  @Get('billing/runs/:runId')
  @PlatformOperation('getBillingRun', 'A billing run', 'Its status and progress counters, and the preview of a dry run.')
  @ApiOkResponse({ type: BillingRunViewDto, description: 'The run' })
  @ApiProblems(400, 403, 404)
  async getRun(@Param('runId', UuidParamPipe) runId: string, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'billing', method: 'GET', path: `${INTERNAL}/billing/runs/${runId}` });
  }

  @Get('tenants/:id/payment-methods')
  @PlatformOperation('listPaymentMethods', "A tenant's payment methods", 'Brand, last 4 digits and expiry of each card (the card number is never stored); the default one is marked. A tenant-admin key reads its own tenant only.')
  @ApiOkResponse({ type: PaymentMethodListDto, description: 'The payment methods' })
  @ApiProblems(400, 403, 404)
  async listPaymentMethods(@Param('id', UuidParamPipe) id: string, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'billing', method: 'GET', path: `${INTERNAL}/tenants/${id}/payment-methods` });
  }

  @Post('tenants/:id/payment-methods')
  @PlatformOperation('addPaymentMethod', 'Add a payment method', 'Tokenizes the card at the payment provider; only its brand, last 4 digits and expiry are kept. The first one is the default; `makeDefault` moves the default. The sandbox provider: 4242424242424242 pays, 4000000000000341 is declined at charge, 4000000000009995 fails with insufficient_funds, 4000000000000002 is declined here (402).')
  @ApiBody({ type: AttachPaymentMethodDto })
  @ApiResponse({ status: 201, type: PaymentMethodViewDto, description: 'The payment method' })
  @ApiProblems(400, 402, 403, 404)
  async addPaymentMethod(@Param('id', UuidParamPipe) id: string, @Body() body: AttachPaymentMethodDto, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'billing', method: 'POST', path: `${INTERNAL}/tenants/${id}/payment-methods`, body });
  }

  @Delete('tenants/:id/payment-methods/:methodId')
  @PlatformOperation('removePaymentMethod', 'Remove a payment method', 'Detaches it; if it was the default, the oldest remaining one becomes the default.')
  @ApiResponse({ status: 204, description: 'Removed' })
  @ApiProblems(400, 403, 404)
  async removePaymentMethod(@Param('id', UuidParamPipe) id: string, @Param('methodId', UuidParamPipe) methodId: string, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'billing', method: 'DELETE', path: `${INTERNAL}/tenants/${id}/payment-methods/${methodId}` });
  }

  @Post('tenants/:id/payment-methods/:methodId/default')
  @HttpCode(200)
  @PlatformOperation('setDefaultPaymentMethod', 'Make a payment method the default', 'The card billing charges from now on; the previous default stays attached. Answers the method (200), also when it already was the default (nothing changes then). 404 when the tenant has no such method.')
  @ApiOkResponse({ type: PaymentMethodViewDto, description: 'The payment method, now the default' })
  @ApiProblems(400, 403, 404)
  async setDefaultPaymentMethod(@Param('id', UuidParamPipe) id: string, @Param('methodId', UuidParamPipe) methodId: string, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'billing', method: 'POST', path: `${INTERNAL}/tenants/${id}/payment-methods/${methodId}/default` });
  }

  @Post('invoices/:invoiceId/pay')
  @PlatformOperation('payInvoice', 'Pay an invoice', "Charges the tenant's default payment method; the provider confirms asynchronously (then the invoice's paymentStatus and InvoicePaid / InvoiceFailed). The same Idempotency-Key again answers the same payment and never charges twice.")
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Up to 255 visible ASCII characters; a retry with the same key is the same payment' })
  @ApiResponse({ status: 202, type: PaymentViewDto, description: 'The payment, pending until the provider confirms it' })
  @ApiProblems(400, 403, 404, 409, 422)
  async payInvoice(
    @Param('invoiceId', UuidParamPipe) invoiceId: string,
    @Req() request: GatewayRequest,
    @Res() reply: ReplyLike,
  ): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'billing', method: 'POST', path: `${INTERNAL}/invoices/${invoiceId}/pay` });
  }

  @Post('invoices/:invoiceId/void')
  @PlatformOperation('voidInvoice', 'Void an invoice', 'A finalized invoice that is not paid: it keeps its number (numbering stays gapless), is no longer collected or payable, and InvoiceVoided is published. A paid invoice, a draft or one with a payment in flight answers 409 naming why. The same Idempotency-Key again answers the voided invoice.')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Up to 255 visible ASCII characters; a retry with the same key answers the same result' })
  @ApiOkResponse({ type: InvoiceViewDto, description: 'The voided invoice' })
  @ApiProblems(400, 403, 404, 409)
  async voidInvoice(
    @Param('invoiceId', UuidParamPipe) invoiceId: string,
    @Req() request: GatewayRequest,
    @Res() reply: ReplyLike,
  ): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'billing', method: 'POST', path: `${INTERNAL}/invoices/${invoiceId}/void` });
  }

  @Post('invoices/:invoiceId/credit-notes')
  @PlatformOperation('issueCreditNote', 'Issue a credit note', "Against a finalized invoice, with a reason and an amount of at most the invoice total less earlier credit notes (else 409 naming `amount`). It takes the next CN- number (gapless) and is immutable. `credit`: a balance applied to the tenant's next invoices (a negative 'credit applied' line, never below zero; the rest carries forward); `refund`: paid back through the payment provider (a paid invoice only). CreditNoteIssued is published. The same Idempotency-Key again answers the same credit note and never refunds twice.")
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Up to 255 visible ASCII characters; a retry with the same key is the same credit note' })
  @ApiBody({ type: IssueCreditNoteDto })
  @ApiResponse({ status: 201, type: CreditNoteViewDto, description: 'The credit note' })
  @ApiProblems(400, 403, 404, 409, 422)
  async issueCreditNote(
    @Param('invoiceId', UuidParamPipe) invoiceId: string,
    @Body() body: IssueCreditNoteDto,
    @Req() request: GatewayRequest,
    @Res() reply: ReplyLike,
  ): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'billing', method: 'POST', path: `${INTERNAL}/invoices/${invoiceId}/credit-notes`, body });
  }

  @Get('invoices/:invoiceId/credit-notes')
  @PlatformOperation('listCreditNotes', "An invoice's credit notes", 'Every credit note against the invoice, and what it has left to credit.')
  @ApiOkResponse({ type: CreditNoteListDto, description: 'The credit notes' })
  @ApiProblems(400, 403, 404)
  async listCreditNotes(@Param('invoiceId', UuidParamPipe) invoiceId: string, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'billing', method: 'GET', path: `${INTERNAL}/invoices/${invoiceId}/credit-notes` });
  }

  @Get('tenants/:id/invoices/:invoiceId/credit-notes')
  @PlatformOperation('listTenantCreditNotes', "The credit notes of one of a tenant's invoices", 'A tenant-admin key reads its own tenant only; the invoice id of another tenant answers 404.')
  @ApiOkResponse({ type: CreditNoteListDto, description: 'The credit notes' })
  @ApiProblems(400, 403, 404)
  async listTenantCreditNotes(@Param('id', UuidParamPipe) id: string, @Param('invoiceId', UuidParamPipe) invoiceId: string, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'billing', method: 'GET', path: `${INTERNAL}/tenants/${id}/invoices/${invoiceId}/credit-notes` });
  }
}
