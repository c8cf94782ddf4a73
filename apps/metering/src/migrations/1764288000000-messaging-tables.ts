import { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@tenantry/messaging';

export class MessagingTables1764288000000 implements MigrationInterface {
  name = 'MessagingTables1764288000000';

  async up(runner: QueryRunner): Promise<void> {
    await createMessagingTables(runner);
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropMessagingTables(runner);
  }
}
