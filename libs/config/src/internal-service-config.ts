/**
 * The environment of every service behind the gateway: the shared one plus the public keys of the
 * gateway's internal tokens. There is no default, so a service never runs open by mistake.
 */
import { ServiceConfig } from './service-config';
import { IsInternalVerifyKeys } from './internal-auth-keys';

export class InternalServiceConfig extends ServiceConfig {
  /** `<kid>:<SPKI DER in base64>[,<kid>:<…>]`: list the new key beside the old one while rotating. */
  @IsInternalVerifyKeys()
  INTERNAL_AUTH_VERIFY_KEYS?: string = undefined;
}
