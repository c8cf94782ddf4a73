/** Template overrides on PostgreSQL (notifications.email_template_overrides). */
import { Injectable } from '@nestjs/common';
import { entityManagerOf, Transaction } from '@tenantry/persistence';
import { DataSource } from 'typeorm';
import { TemplateOverride, TemplateOverrideRepository } from './template-override.repository';

interface Row {
  type: string;
  language: string;
  subject: string;
  html: string;
  text: string;
  updated_at: Date;
  updated_by: string;
}

@Injectable()
export class PostgresTemplateOverrideRepository extends TemplateOverrideRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async get(type: string, language: string): Promise<TemplateOverride | undefined> {
    const rows = (await this.dataSource.query(`SELECT * FROM email_template_overrides WHERE type = $1 AND language = $2`, [type, language])) as Row[];
    const r = rows[0];
    return r && { type: r.type, language: r.language, subject: r.subject, html: r.html, text: r.text, updatedAt: new Date(r.updated_at), updatedBy: r.updated_by };
  }

  async put(tx: Transaction, o: TemplateOverride): Promise<void> {
    await entityManagerOf(tx).query(
      `INSERT INTO email_template_overrides (type, language, subject, html, text, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (type, language) DO UPDATE SET subject = EXCLUDED.subject, html = EXCLUDED.html, text = EXCLUDED.text, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
      [o.type, o.language, o.subject, o.html, o.text, o.updatedAt.toISOString(), o.updatedBy],
    );
  }

  async remove(tx: Transaction, type: string, language: string): Promise<void> {
    await entityManagerOf(tx).query(`DELETE FROM email_template_overrides WHERE type = $1 AND language = $2`, [type, language]);
  }
}
