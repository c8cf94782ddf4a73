import { TemplateParts } from '../../templates/builtin-templates';

export class SaveTemplateCommand {
  constructor(
    readonly type: string,
    readonly language: string,
    readonly parts: TemplateParts,
    readonly actor: string,
  ) {}
}
