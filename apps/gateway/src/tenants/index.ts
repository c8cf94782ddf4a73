// The tenants feature's public surface for the other features of the gateway: forwarding to the owners' internal APIs.
export { TenantsModule } from './tenants.module';
export { ForwardRequestCommand } from './usecases/forward-request/forward-request.command';
export { ForwardRequestUseCase } from './usecases/forward-request/forward-request.use-case';
export { ProxyReply } from './upstream/proxy-reply';
export type { ReplyLike } from './upstream/proxy-reply';
