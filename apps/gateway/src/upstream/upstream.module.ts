/** The connection to the internal APIs, for every feature that forwards to one. */
import { Module } from '@nestjs/common';
import { InternalTokens } from './internal-tokens';
import { UpstreamProxy } from './upstream-proxy';

@Module({
  providers: [UpstreamProxy, InternalTokens],
  exports: [UpstreamProxy],
})
export class UpstreamModule {}
