/** Saves the platform's override of a type's template after compiling and rendering each part with the type's sample data (strict: an unknown variable is an error); a part that fails → 400 naming it. */
import { Injectable } from '@nestjs/common';
import { Transactions } from '@tenantry/persistence';
import { Clock, invalidFields } from '@tenantry/service';
import { EMAIL_PROBLEMS } from '../../email.problems';
import { isNotificationType } from '../../notification-types';
import { languageOf, SAMPLE_DATA } from '../../templates/builtin-templates';
import { TemplateOverrideRepository } from '../../templates/template-override.repository';
import { templateProblems, TemplateRenderer } from '../../templates/template-renderer';
import { GetTemplateCommand } from '../get-template/get-template.command';
import { GetTemplateUseCase, TemplateView } from '../get-template/get-template.use-case';
import { SaveTemplateCommand } from './save-template.command';

@Injectable()
export class SaveTemplateUseCase {
  constructor(
    private readonly overrides: TemplateOverrideRepository,
    private readonly renderer: TemplateRenderer,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    private readonly read: GetTemplateUseCase,
  ) {}

  async execute(command: SaveTemplateCommand): Promise<TemplateView> {
    if (!isNotificationType(command.type)) throw EMAIL_PROBLEMS['notification-type-not-found'](`no notification type ${command.type}`);
    const language = languageOf(command.language);
    const problems = templateProblems(this.renderer, command.parts, language, SAMPLE_DATA[command.type]);
    if (problems.length > 0) throw invalidFields(problems);
    await this.transactions.run((tx) => this.overrides.put(tx, { type: command.type, language, ...command.parts, updatedAt: this.clock.now(), updatedBy: command.actor }));
    return this.read.execute(new GetTemplateCommand(command.type, language));
  }
}
