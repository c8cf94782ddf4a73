export class SendDueMailsCommand {
  constructor(readonly now: Date) {}
}
