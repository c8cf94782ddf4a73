/** Config checks for the internal-token keys: set, and readable as the key kind each side needs. */
import { ValidateBy, ValidationOptions } from 'class-validator';
import { parseSigningKey, parseVerifyKeys } from '@tenantry/internal-auth';

function keyCheck(name: string, parse: (value: string) => unknown, validationOptions?: ValidationOptions): PropertyDecorator {
  let problem = 'is not a valid key';
  return ValidateBy(
    {
      name,
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || value.trim() === '') {
            problem = 'must be set (no default: see README, "Security")';
            return false;
          }
          try {
            parse(value);
            return true;
          } catch (error) {
            problem = error instanceof Error ? error.message : String(error);
            return false;
          }
        },
        defaultMessage: () => problem,
      },
    },
    validationOptions,
  );
}

/** `<kid>:<Ed25519 PKCS#8 DER, base64>`: the gateway's key for signing internal tokens. */
export const IsInternalSigningKey = (options?: ValidationOptions): PropertyDecorator => keyCheck('isInternalSigningKey', parseSigningKey, options);

/** `<kid>:<Ed25519 SPKI DER, base64>[,…]`: the keys an internal service accepts internal tokens from. */
export const IsInternalVerifyKeys = (options?: ValidationOptions): PropertyDecorator => keyCheck('isInternalVerifyKeys', parseVerifyKeys, options);
