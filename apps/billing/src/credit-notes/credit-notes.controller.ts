/** The invoice-correction routes of the internal API (docs/internal-api.md): voiding an invoice, issuing and listing its credit notes (platform by invoice id; tenant-scoped list). */
import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { CreditNoteListDto, CreditNoteViewDto, InvoiceViewDto, IssueCreditNoteDto } from '@tenantry/billing-api';
import { invalidField, UuidParamPipe } from '@tenantry/service';
import { toInvoiceView } from '../invoices/invoice.mapper';
import { toCreditNoteList, toCreditNoteView } from './credit-note.mapper';
import { IssueCreditNoteCommand } from './usecases/issue-credit-note/issue-credit-note.command';
import { IssueCreditNoteUseCase } from './usecases/issue-credit-note/issue-credit-note.use-case';
import { ListCreditNotesCommand } from './usecases/list-credit-notes/list-credit-notes.command';
import { ListCreditNotesUseCase } from './usecases/list-credit-notes/list-credit-notes.use-case';
import { VoidInvoiceCommand } from './usecases/void-invoice/void-invoice.command';
import { VoidInvoiceUseCase } from './usecases/void-invoice/void-invoice.use-case';

/** An Idempotency-Key: 1–255 visible ASCII characters. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

function checkedKey(key: string | undefined): string | undefined {
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) throw invalidField('Idempotency-Key', 'must be 1 to 255 visible ASCII characters');
  return key;
}

@Controller('internal/v1')
export class CreditNotesController {
  constructor(
    private readonly voidInvoice: VoidInvoiceUseCase,
    private readonly issue: IssueCreditNoteUseCase,
    private readonly listCreditNotes: ListCreditNotesUseCase,
  ) {}

  @Post('invoices/:invoiceId/void')
  @HttpCode(200)
  async void(@Param('invoiceId', UuidParamPipe) invoiceId: string, @Headers('idempotency-key') key: string | undefined): Promise<InvoiceViewDto> {
    return toInvoiceView(await this.voidInvoice.execute(new VoidInvoiceCommand(invoiceId, undefined, checkedKey(key))));
  }

  @Post('invoices/:invoiceId/credit-notes')
  @HttpCode(201)
  async issueCreditNote(@Param('invoiceId', UuidParamPipe) invoiceId: string, @Body() body: IssueCreditNoteDto, @Headers('idempotency-key') key: string | undefined): Promise<CreditNoteViewDto> {
    const { creditNote } = await this.issue.execute(new IssueCreditNoteCommand(invoiceId, undefined, body.reason, body.amount, body.method ?? 'credit', body.memo ?? null, checkedKey(key)));
    return toCreditNoteView(creditNote);
  }

  @Get('invoices/:invoiceId/credit-notes')
  async list(@Param('invoiceId', UuidParamPipe) invoiceId: string): Promise<CreditNoteListDto> {
    const { creditNotes, remainingCreditable } = await this.listCreditNotes.execute(new ListCreditNotesCommand(invoiceId, undefined));
    return toCreditNoteList(creditNotes, remainingCreditable);
  }

  @Get('tenants/:id/invoices/:invoiceId/credit-notes')
  async listOfTenant(@Param('id', UuidParamPipe) id: string, @Param('invoiceId', UuidParamPipe) invoiceId: string): Promise<CreditNoteListDto> {
    const { creditNotes, remainingCreditable } = await this.listCreditNotes.execute(new ListCreditNotesCommand(invoiceId, id));
    return toCreditNoteList(creditNotes, remainingCreditable);
  }
}
