/** The platform's template overrides per type and language (port). */
import { Transaction } from '@tenantry/persistence';
import { TemplateParts } from './builtin-templates';

export interface TemplateOverride extends TemplateParts {
  type: string;
  language: string;
  updatedAt: Date;
  updatedBy: string;
}

export abstract class TemplateOverrideRepository {
  abstract get(type: string, language: string): Promise<TemplateOverride | undefined>;
  abstract put(tx: Transaction, override: TemplateOverride): Promise<void>;
  abstract remove(tx: Transaction, type: string, language: string): Promise<void>;
}
