/** The invoice routes of the internal API (docs/internal-api.md): a tenant's invoices (tenant-scoped), and one invoice by id. */
import { Controller, Get, Param, Query } from '@nestjs/common';
import { InvoiceListDto, InvoiceListQueryDto, InvoiceViewDto } from '@tenantry/billing-api';
import { UuidParamPipe } from '@tenantry/service';
import { toInvoiceList, toInvoiceView } from './invoice.mapper';
import { GetInvoiceCommand } from './usecases/get-invoice/get-invoice.command';
import { GetInvoiceUseCase } from './usecases/get-invoice/get-invoice.use-case';
import { ListInvoicesCommand } from './usecases/list-invoices/list-invoices.command';
import { ListInvoicesUseCase } from './usecases/list-invoices/list-invoices.use-case';

@Controller('internal/v1')
export class InvoicesController {
  constructor(
    private readonly listInvoices: ListInvoicesUseCase,
    private readonly getInvoice: GetInvoiceUseCase,
  ) {}

  @Get('tenants/:id/invoices')
  async list(@Param('id', UuidParamPipe) id: string, @Query() query: InvoiceListQueryDto): Promise<InvoiceListDto> {
    return toInvoiceList(await this.listInvoices.execute(new ListInvoicesCommand(id, query.status, query.limit ?? 24)));
  }

  @Get('tenants/:id/invoices/:invoiceId')
  async getOfTenant(@Param('id', UuidParamPipe) id: string, @Param('invoiceId', UuidParamPipe) invoiceId: string): Promise<InvoiceViewDto> {
    return toInvoiceView(await this.getInvoice.execute(new GetInvoiceCommand(invoiceId, id)));
  }

  @Get('invoices/:invoiceId')
  async get(@Param('invoiceId', UuidParamPipe) invoiceId: string): Promise<InvoiceViewDto> {
    return toInvoiceView(await this.getInvoice.execute(new GetInvoiceCommand(invoiceId, undefined)));
  }
}
