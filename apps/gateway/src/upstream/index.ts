// The upstream room's public surface: declare an upstream in UPSTREAMS, forward with UpstreamProxy, answer with writeReply.
export { UpstreamModule } from './upstream.module';
export { UpstreamProxy } from './upstream-proxy';
export { callerOf, queryString } from './upstream-call';
export type { Caller, UpstreamCall, UpstreamMethod } from './upstream-call';
export { isProblem, jsonReply, parseDocument, writeReply } from './upstream-reply';
export type { BufferedReply, JsonDocument, ReplyLike, UpstreamReply } from './upstream-reply';
export { UPSTREAMS } from './upstreams';
export type { UpstreamName } from './upstreams';
