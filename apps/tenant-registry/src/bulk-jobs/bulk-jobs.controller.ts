/** The bulk-jobs routes of the internal API: start (or dry-run) a job, read it, follow it as server-sent events, cancel it. */
import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { Clock, UuidParamPipe } from '@tenantry/service';
import { TenantRegistryConfig } from '../tenant-registry.config';
import { RequestActor } from '../tenants/request-actor';
import { ActorContext } from '../tenants/tenant-status-change';
import { BulkJobView, toBulkJobView } from './bulk-job.mapper';
import { parseBulkJobRequest } from './bulk-request';
import { CancelBulkJobUseCase } from './usecases/cancel-bulk-job/cancel-bulk-job.use-case';
import { GetBulkJobUseCase } from './usecases/get-bulk-job/get-bulk-job.use-case';
import { StartBulkJobCommand } from './usecases/start-bulk-job/start-bulk-job.command';
import { DryRunItem, StartBulkJobUseCase } from './usecases/start-bulk-job/start-bulk-job.use-case';

export const BULK_JOBS_PATH = 'internal/v1/bulk-jobs';
/** A progress event at least this often (also keeps proxies from timing the stream out). */
const EVENT_INTERVAL_MS = 1000;
/** A stream is closed after this long even if the job is still running; the client reconnects. */
const STREAM_MAX_MS = 10 * 60 * 1000;

interface StreamReply {
  status(code: number): StreamReply;
  header(name: string, value: string): unknown;
  hijack(): void;
  raw: { writeHead(status: number, headers: Record<string, string>): void; write(chunk: string): boolean; end(): void; on(event: 'close', listener: () => void): void; destroyed: boolean };
}

@Controller(BULK_JOBS_PATH)
export class BulkJobsController {
  constructor(
    private readonly start: StartBulkJobUseCase,
    private readonly getJob: GetBulkJobUseCase,
    private readonly cancelJob: CancelBulkJobUseCase,
    private readonly clock: Clock,
    private readonly config: TenantRegistryConfig,
  ) {}

  @Post()
  async create(@Body() body: unknown, @RequestActor() by: ActorContext, @Res({ passthrough: true }) reply: StreamReply): Promise<BulkJobView | { dryRun: true; total: number; items: DryRunItem[] }> {
    const request = parseBulkJobRequest(body, this.config.BULK_JOB_MAX_TENANTS, this.clock.now());
    const result = await this.start.execute(new StartBulkJobCommand(request, by));
    if (result.dryRun) {
      reply.status(200);
      return result;
    }
    reply.status(202);
    reply.header('Location', `/${BULK_JOBS_PATH}/${result.job.id}`);
    return toBulkJobView(result.job, { total: result.total, pending: result.total, succeeded: 0, failed: 0, cancelled: 0 });
  }

  @Get(':id')
  async get(@Param('id', UuidParamPipe) id: string): Promise<BulkJobView> {
    const state = await this.getJob.execute(id, true);
    return toBulkJobView(state.job, state.counts, state.items);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  async cancel(@Param('id', UuidParamPipe) id: string): Promise<BulkJobView> {
    await this.cancelJob.execute(id);
    const state = await this.getJob.execute(id, false);
    return toBulkJobView(state.job, state.counts);
  }

  /** `event: progress` with the job and its counts whenever they change (at least every second), then `event: done` when it is over. */
  @Get(':id/events')
  async events(@Param('id', UuidParamPipe) id: string, @Res() reply: StreamReply): Promise<void> {
    let state = await this.getJob.execute(id, false); // an unknown job is a 404 problem, before the stream starts
    reply.hijack();
    const raw = reply.raw;
    let closed = false;
    raw.on('close', () => (closed = true));
    raw.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache', 'X-Accel-Buffering': 'no' });
    const until = Date.now() + STREAM_MAX_MS;
    let sequence = 0;
    try {
      for (;;) {
        const view = toBulkJobView(state.job, state.counts);
        const over = state.job.status !== 'running';
        raw.write(`id: ${++sequence}\nevent: ${over ? 'done' : 'progress'}\ndata: ${JSON.stringify(view)}\n\n`);
        if (over || closed || Date.now() > until) break;
        await sleep(EVENT_INTERVAL_MS);
        if (closed) break;
        state = await this.getJob.execute(id, false);
      }
    } finally {
      if (!raw.destroyed) raw.end();
    }
  }
}
