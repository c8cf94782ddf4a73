/** Removes the platform's override of a type's template in one language: the built-in template applies again. Idempotent (no override: the same answer). */
import { Injectable } from '@nestjs/common';
import { Transactions } from '@tenantry/persistence';
import { EMAIL_PROBLEMS } from '../../email.problems';
import { isNotificationType } from '../../notification-types';
import { languageOf } from '../../templates/builtin-templates';
import { TemplateOverrideRepository } from '../../templates/template-override.repository';
import { GetTemplateCommand } from '../get-template/get-template.command';
import { GetTemplateUseCase, TemplateView } from '../get-template/get-template.use-case';
import { ResetTemplateCommand } from './reset-template.command';

@Injectable()
export class ResetTemplateUseCase {
  constructor(
    private readonly overrides: TemplateOverrideRepository,
    private readonly transactions: Transactions,
    private readonly read: GetTemplateUseCase,
  ) {}

  async execute(command: ResetTemplateCommand): Promise<TemplateView> {
    if (!isNotificationType(command.type)) throw EMAIL_PROBLEMS['notification-type-not-found'](`no notification type ${command.type}`);
    const language = languageOf(command.language);
    await this.transactions.run((tx) => this.overrides.remove(tx, command.type, language));
    return this.read.execute(new GetTemplateCommand(command.type, language));
  }
}
