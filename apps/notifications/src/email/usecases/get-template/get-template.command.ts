export class GetTemplateCommand {
  constructor(
    readonly type: string,
    readonly language: string,
  ) {}
}
