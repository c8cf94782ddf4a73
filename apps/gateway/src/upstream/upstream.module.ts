/** The connection to the internal APIs, for every feature that forwards to one. */
import { Module } from '@nestjs/common';
import { UpstreamProxy } from './upstream-proxy';

@Module({
  providers: [UpstreamProxy],
  exports: [UpstreamProxy],
})
export class UpstreamModule {}
