/** A type's template in a language: the platform's override if saved, else the shipped one, with the sample data it renders with. */
import { Injectable } from '@nestjs/common';
import { EMAIL_PROBLEMS } from '../../email.problems';
import { isNotificationType } from '../../notification-types';
import { BUILTIN_TEMPLATES, languageOf, SAMPLE_DATA, TemplateParts } from '../../templates/builtin-templates';
import { TemplateOverrideRepository } from '../../templates/template-override.repository';
import { GetTemplateCommand } from './get-template.command';

export interface TemplateView extends TemplateParts {
  type: string;
  language: string;
  overridden: boolean;
  updatedAt?: Date;
  sample: Record<string, unknown>;
}

@Injectable()
export class GetTemplateUseCase {
  constructor(private readonly overrides: TemplateOverrideRepository) {}

  async execute(command: GetTemplateCommand): Promise<TemplateView> {
    if (!isNotificationType(command.type)) throw EMAIL_PROBLEMS['notification-type-not-found'](`no notification type ${command.type}`);
    const language = languageOf(command.language);
    const override = await this.overrides.get(command.type, language);
    const parts = override ?? BUILTIN_TEMPLATES[language][command.type];
    const sample = { tenant: { name: 'Acme', logoUrl: 'https://acme.example/logo.png', primaryColor: '#0055aa' }, ...SAMPLE_DATA[command.type] };
    return { type: command.type, language, subject: parts.subject, html: parts.html, text: parts.text, overridden: Boolean(override), ...(override ? { updatedAt: override.updatedAt } : {}), sample };
  }
}
