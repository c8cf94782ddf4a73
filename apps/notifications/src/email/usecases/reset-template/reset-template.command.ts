export class ResetTemplateCommand {
  constructor(
    readonly type: string,
    readonly language: string,
  ) {}
}
