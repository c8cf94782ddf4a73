/** GET /internal/v1/tenants/:id/export: the archive's metadata, or the archive with ?download=true. */
import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { UuidParamPipe } from '@tenantry/service';
import { GetExportUseCase } from './usecases/get-export/get-export.use-case';

interface Reply {
  header(name: string, value: string): Reply;
  send(body: unknown): unknown;
}

@Controller('internal/v1/tenants/:id/export')
export class ExportsController {
  constructor(private readonly getExport: GetExportUseCase) {}

  @Get()
  async get(@Param('id', UuidParamPipe) tenantId: string, @Res() reply: Reply, @Query('download') download?: string): Promise<void> {
    if (download !== 'true') {
      reply.send(await this.getExport.execute(tenantId));
      return;
    }
    const { record, stream } = await this.getExport.download(tenantId);
    reply
      .header('content-type', 'application/gzip')
      .header('content-disposition', `attachment; filename="tenant-${tenantId}.tar.gz"`)
      .header('x-archive-sha256', record.sha256)
      .send(stream);
  }
}
