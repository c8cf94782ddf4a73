/** Config checks for the platform master key (SECRET_KEY) and its earlier values (SECRET_KEY_PREVIOUS). */
import { ValidateBy } from 'class-validator';
import { decodeMasterKey, MIN_MASTER_KEY_BYTES, parseKeyList } from '@tenantry/internal-auth';

/** At least 32 random bytes in base64; the message tells a missing key from a weak one. */
export function IsMasterKey(): PropertyDecorator {
  return ValidateBy({
    name: 'isMasterKey',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && decodeMasterKey(value) !== undefined,
      defaultMessage: (args) =>
        typeof args?.value === 'string' && args.value !== ''
          ? `is too weak or not base64: it must decode to at least ${MIN_MASTER_KEY_BYTES} random bytes (e.g. \`openssl rand -base64 32\`)`
          : `is required: the master key, at least ${MIN_MASTER_KEY_BYTES} random bytes in base64 (e.g. \`openssl rand -base64 32\`)`,
    },
  });
}

/** A comma-separated list of earlier master keys, each a master key. */
export function IsMasterKeyList(): PropertyDecorator {
  return ValidateBy({
    name: 'isMasterKeyList',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && parseKeyList(value).every((entry) => decodeMasterKey(entry) !== undefined),
      defaultMessage: () => 'must be a comma-separated list of earlier SECRET_KEY values',
    },
  });
}
