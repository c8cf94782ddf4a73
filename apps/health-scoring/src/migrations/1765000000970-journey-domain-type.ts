/**
 * The tenant's domain type (from TenantCreated) beside its journey facts: a tenant on a platform
 * subdomain has no custom domain to verify, so its `domain-verified` onboarding item does not apply.
 * Tenants created before this column existed keep null (the item stays pending for them).
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class JourneyDomainType1765000000970 implements MigrationInterface {
  name = 'JourneyDomainType1765000000970';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE journey_tenants ADD COLUMN domain_type text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE journey_tenants DROP COLUMN domain_type`);
  }
}
