/** Starts a service: Nest on Fastify, server-side request ids, graceful shutdown on SIGTERM/SIGINT. */
import { randomUUID } from 'node:crypto';
import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { ServiceConfig } from '@tenantry/config';
import { createLogger, enterContext } from '@tenantry/observability';
import { problemClientErrorHandler, problemFrameworkErrors } from './client-error';
import { startManagementServer } from './management-server';
import { PinoNestLogger } from './nest-logger';
import { refuseUnsafeInput } from './request-input';

export interface BootstrapOptions {
  name: string;
  config: ServiceConfig;
  bodyLimitBytes?: number;
  /** Keep each JSON body's bytes as `request.rawBody` too (a signed webhook's signature covers the exact bytes). */
  rawBody?: boolean;
  /** Extra set-up on the app before it listens (OpenAPI docs, hooks, content-type parsers). */
  configure?: (app: NestFastifyApplication) => Promise<void> | void;
}

/** Below Kubernetes' default terminationGracePeriodSeconds (30 s). */
const SHUTDOWN_GRACE_MS = 25_000;

export async function createServiceApp(module: Type<unknown> | DynamicModule, options: BootstrapOptions): Promise<NestFastifyApplication> {
  const logger = createLogger(options.name, options.config.LOG_LEVEL);
  const adapter = new FastifyAdapter({
    bodyLimit: options.bodyLimitBytes ?? 1_048_576,
    // Request ids are ours, never a client's: the gateway makes one per call (a client's x-request-id
    // is only a correlation id), and an internal service takes the gateway's from the verified token.
    requestIdHeader: false,
    genReqId: () => randomUUID(),
    keepAliveTimeout: 65_000,
    // Fastify's default (100) answers a longer path parameter itself, with a 414 in its own JSON;
    // the URL is already bounded by Node's 16 KB header limit (414 uri-too-long, client-error.ts),
    // so every parameter reaches its pipe and a bad one is a 400 naming it.
    routerOptions: { maxParamLength: 16_384 },
    clientErrorHandler: problemClientErrorHandler,
    frameworkErrors: problemFrameworkErrors,
  });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, { logger: new PinoNestLogger(logger), bufferLogs: true, rawBody: options.rawBody ?? false });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    enterContext({ requestId: request.id });
    void reply.header('x-request-id', request.id);
    done();
  });
  // Before any pipe transforms the body: too deep a body, a NUL or a lone surrogate is a 400, not a crash.
  fastify.addHook('preValidation', refuseUnsafeInput);
  return app;
}

export async function bootstrapService(module: Type<unknown> | DynamicModule, options: BootstrapOptions): Promise<INestApplication> {
  const app = await createServiceApp(module, options);
  await options.configure?.(app);
  await app.listen(options.config.PORT, options.config.HOST);
  const logger = createLogger(options.name, options.config.LOG_LEVEL);
  // Metrics and readiness details: on their own port, never the public one.
  const management = await startManagementServer(app, options.config);
  logger.info({ url: management.url }, `${options.name} management listening`);
  logger.info({ url: await app.getUrl() }, `${options.name} listening`);
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, `${options.name} stopping`);
    // Stop fetching, finish in-flight work, commit, flush the outbox, close; give up after the grace period.
    const deadline = setTimeout(() => {
      logger.error(`${options.name} did not stop within ${SHUTDOWN_GRACE_MS} ms; exiting`);
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    deadline.unref();
    app
      .close()
      .then(() => management.close())
      .then(() => {
        logger.info(`${options.name} stopped`);
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, `${options.name} failed to stop cleanly`);
        process.exit(1);
      });
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  return app;
}
