/** The payment routes of the internal API (docs/internal-api.md): a tenant's payment methods (tenant-scoped) and paying an invoice. */
import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { AttachPaymentMethodDto, PaymentMethodListDto, PaymentMethodViewDto, PaymentViewDto } from '@tenantry/billing-api';
import { invalidField, UuidParamPipe } from '@tenantry/service';
import { toPaymentMethodList, toPaymentMethodView, toPaymentView } from './payment.mapper';
import { AttachPaymentMethodCommand } from './usecases/attach-payment-method/attach-payment-method.command';
import { AttachPaymentMethodUseCase } from './usecases/attach-payment-method/attach-payment-method.use-case';
import { DetachPaymentMethodCommand } from './usecases/detach-payment-method/detach-payment-method.command';
import { DetachPaymentMethodUseCase } from './usecases/detach-payment-method/detach-payment-method.use-case';
import { ListPaymentMethodsCommand } from './usecases/list-payment-methods/list-payment-methods.command';
import { ListPaymentMethodsUseCase } from './usecases/list-payment-methods/list-payment-methods.use-case';
import { MakeDefaultPaymentMethodCommand } from './usecases/make-default-payment-method/make-default-payment-method.command';
import { MakeDefaultPaymentMethodUseCase } from './usecases/make-default-payment-method/make-default-payment-method.use-case';
import { PayInvoiceCommand } from './usecases/pay-invoice/pay-invoice.command';
import { PayInvoiceUseCase } from './usecases/pay-invoice/pay-invoice.use-case';

/** An Idempotency-Key: 1–255 visible ASCII characters. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

@Controller('internal/v1')
export class PaymentsController {
  constructor(
    private readonly attach: AttachPaymentMethodUseCase,
    private readonly listMethods: ListPaymentMethodsUseCase,
    private readonly detach: DetachPaymentMethodUseCase,
    private readonly makeDefault: MakeDefaultPaymentMethodUseCase,
    private readonly pay: PayInvoiceUseCase,
  ) {}

  @Get('tenants/:id/payment-methods')
  async list(@Param('id', UuidParamPipe) id: string): Promise<PaymentMethodListDto> {
    return toPaymentMethodList(await this.listMethods.execute(new ListPaymentMethodsCommand(id)));
  }

  @Post('tenants/:id/payment-methods')
  async add(@Param('id', UuidParamPipe) id: string, @Body() body: AttachPaymentMethodDto): Promise<PaymentMethodViewDto> {
    const card = { number: body.number, expMonth: body.expMonth, expYear: body.expYear, ...(body.cvc === undefined ? {} : { cvc: body.cvc }) };
    return toPaymentMethodView(await this.attach.execute(new AttachPaymentMethodCommand(id, card, body.makeDefault ?? false)));
  }

  @Delete('tenants/:id/payment-methods/:methodId')
  @HttpCode(204)
  async remove(@Param('id', UuidParamPipe) id: string, @Param('methodId', UuidParamPipe) methodId: string): Promise<void> {
    await this.detach.execute(new DetachPaymentMethodCommand(id, methodId));
  }

  /** 200 whether it was already the default or just became it. */
  @Post('tenants/:id/payment-methods/:methodId/default')
  @HttpCode(200)
  async setDefault(@Param('id', UuidParamPipe) id: string, @Param('methodId', UuidParamPipe) methodId: string): Promise<PaymentMethodViewDto> {
    return toPaymentMethodView(await this.makeDefault.execute(new MakeDefaultPaymentMethodCommand(id, methodId)));
  }

  /** 202: the charge is started; the invoice's paymentStatus follows when the provider confirms it. The same Idempotency-Key again answers the same payment. */
  @Post('invoices/:invoiceId/pay')
  @HttpCode(202)
  async payInvoice(@Param('invoiceId', UuidParamPipe) invoiceId: string, @Headers('idempotency-key') key: string | undefined): Promise<PaymentViewDto> {
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) throw invalidField('Idempotency-Key', 'must be 1 to 255 visible ASCII characters');
    const { payment } = await this.pay.execute(new PayInvoiceCommand(invoiceId, undefined, key));
    return toPaymentView(payment);
  }
}
