/** Run the clock-driven journeys as of `now`. */
export class RunJourneysCommand {
  constructor(readonly now: Date) {}
}
