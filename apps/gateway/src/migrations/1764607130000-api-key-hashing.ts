import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API keys hashed with the server's pepper, without a human-chosen secret's characters in listings,
 * and revoked with their tenant.
 *
 * - `hash_scheme`: rows from before are `sha256` (bare SHA-256 of the secret); they still
 *   authenticate and move to `hmac-sha256` on their first successful use (ApiKeyVerifier). The
 *   default stays `sha256`: a row written by a gateway of the previous version (still running
 *   during a rolling upgrade) is exactly that; this version always names its scheme.
 * - `prefix`: nullable. Bootstrap rows lose theirs (it held the first 12 characters of a secret an
 *   operator may have chosen); generated keys keep `tnt_` and 4 random characters.
 * - `revoked_reason`: `revoked` (by an admin) or `tenant-deleted`; keys of tenants the projection
 *   already knows as deleted are revoked now (the deletion revokes them from here on).
 */
export class ApiKeyHashing1764607130000 implements MigrationInterface {
  name = 'ApiKeyHashing1764607130000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE api_keys ADD COLUMN hash_scheme text NOT NULL DEFAULT 'sha256' CHECK (hash_scheme IN ('sha256', 'hmac-sha256'))`);
    await runner.query(`ALTER TABLE api_keys ALTER COLUMN prefix DROP NOT NULL`);
    await runner.query(`UPDATE api_keys SET prefix = NULL WHERE bootstrap`);
    await runner.query(`UPDATE api_keys SET prefix = left(prefix, 8) WHERE prefix IS NOT NULL`);
    await runner.query(`ALTER TABLE api_keys ADD COLUMN revoked_reason text CHECK (revoked_reason IN ('revoked', 'tenant-deleted'))`);
    await runner.query(`UPDATE api_keys SET revoked_reason = 'revoked' WHERE revoked_at IS NOT NULL`);
    await runner.query(`
      UPDATE api_keys SET revoked_at = now(), revoked_reason = 'tenant-deleted'
      FROM tenant_status WHERE tenant_status.tenant_id = api_keys.tenant_id AND tenant_status.status = 'deleted' AND api_keys.revoked_at IS NULL`);
    await runner.query(`ALTER TABLE api_keys ADD CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    // Rows already re-hashed under the pepper cannot go back: they stop authenticating.
    await runner.query(`ALTER TABLE api_keys DROP COLUMN revoked_reason`);
    await runner.query(`UPDATE api_keys SET prefix = '' WHERE prefix IS NULL`);
    await runner.query(`ALTER TABLE api_keys ALTER COLUMN prefix SET NOT NULL`);
    await runner.query(`ALTER TABLE api_keys DROP COLUMN hash_scheme`);
  }
}
