/**
 * The dunning ladder (Kill Bill's overdue states, as configuration): steps ordered by whole days
 * since the tenant's oldest unpaid invoice became overdue. `BILLING_DUNNING_LADDER` is
 * `step:days` pairs, comma-separated, with days strictly increasing and each step at most once,
 * e.g. `warning:3,suspended:14,inactive:30,written_off:60`. Steps may be left out (a ladder of
 * `warning:7` only warns) but not reordered: a tenant is never deactivated before it is suspended.
 */
import { DUNNING_STEPS, DunningStep } from '@tenantry/contracts';
import { ValidateBy, ValidationOptions } from 'class-validator';

export const DEFAULT_DUNNING_LADDER = 'warning:3,suspended:14,inactive:30,written_off:60';

export interface LadderRung {
  step: DunningStep;
  days: number;
}

const DAY_MS = 86_400_000;

/** The ladder, or a sentence saying what is wrong with the text. */
export function parseDunningLadder(text: string): LadderRung[] | string {
  const rungs: LadderRung[] = [];
  for (const part of text.split(',')) {
    const match = /^\s*([a-z_]+)\s*:\s*(\d{1,4})\s*$/.exec(part);
    if (!match) return `"${part}" is not step:days (e.g. warning:3)`;
    const step = match[1] as DunningStep;
    const days = Number(match[2]);
    if (!DUNNING_STEPS.includes(step)) return `unknown step "${step}" (steps: ${DUNNING_STEPS.join(', ')})`;
    const previous = rungs[rungs.length - 1];
    if (rungs.some((r) => r.step === step)) return `step "${step}" appears twice`;
    if (previous && DUNNING_STEPS.indexOf(step) < DUNNING_STEPS.indexOf(previous.step)) return `step "${step}" comes before "${previous.step}" (order: ${DUNNING_STEPS.join(', ')})`;
    if (previous && days <= previous.days) return `days must increase: "${step}" at ${days} is not after "${previous.step}" at ${previous.days}`;
    rungs.push({ step, days });
  }
  return rungs;
}

/** class-validator: the value parses as a ladder; the message names what is wrong. */
export function IsDunningLadder(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDunningLadder',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && typeof parseDunningLadder(value) !== 'string',
        defaultMessage: (args) => `must be step:days pairs, e.g. ${DEFAULT_DUNNING_LADDER}: ${typeof args?.value === 'string' ? String(parseDunningLadder(args.value)) : 'not a string'}`,
      },
    },
    options,
  );
}

/** Whole days from `since` to `now` (0 on the day it became overdue). */
export function daysOverdue(since: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - since.getTime()) / DAY_MS));
}

/** The steps due after `days` days that have not been taken yet, in ladder order. */
export function stepsDue(ladder: readonly LadderRung[], days: number, taken: readonly DunningStep[]): LadderRung[] {
  return ladder.filter((rung) => rung.days <= days && !taken.includes(rung.step));
}
