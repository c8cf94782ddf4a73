/**
 * The invoice PDF routes of the internal API (docs/internal-api.md): tenant-scoped, and by id for the
 * platform. Notifications may call them with its own token (the attachment of invoice-issued mails);
 * no other billing route accepts it.
 */
import { Controller, Get, Param, StreamableFile } from '@nestjs/common';
import { ServiceCallers, UuidParamPipe } from '@tenantry/service';
import { RenderInvoicePdfCommand } from './usecases/render-invoice-pdf/render-invoice-pdf.command';
import { RenderInvoicePdfUseCase } from './usecases/render-invoice-pdf/render-invoice-pdf.use-case';

@Controller('internal/v1')
export class InvoicePdfController {
  constructor(private readonly render: RenderInvoicePdfUseCase) {}

  @Get('tenants/:id/invoices/:invoiceId/pdf')
  @ServiceCallers('notifications')
  async ofTenant(@Param('id', UuidParamPipe) id: string, @Param('invoiceId', UuidParamPipe) invoiceId: string): Promise<StreamableFile> {
    return pdfFile(await this.render.execute(new RenderInvoicePdfCommand(invoiceId, id)));
  }

  @Get('invoices/:invoiceId/pdf')
  @ServiceCallers('notifications')
  async byId(@Param('invoiceId', UuidParamPipe) invoiceId: string): Promise<StreamableFile> {
    return pdfFile(await this.render.execute(new RenderInvoicePdfCommand(invoiceId, undefined)));
  }
}

function pdfFile({ number, pdf }: { number: string; pdf: Buffer }): StreamableFile {
  return new StreamableFile(pdf, { type: 'application/pdf', disposition: `inline; filename="${number}.pdf"`, length: pdf.length });
}
