import { daysOverdue, DEFAULT_DUNNING_LADDER, parseDunningLadder, stepsDue } from './dunning-ladder';

describe('the dunning ladder', () => {
  it('parses the default ladder in order', () => {
    expect(parseDunningLadder(DEFAULT_DUNNING_LADDER)).toEqual([
      { step: 'warning', days: 3 },
      { step: 'suspended', days: 14 },
      { step: 'inactive', days: 30 },
      { step: 'written_off', days: 60 },
    ]);
  });

  it('accepts a shorter ladder and spaces', () => {
    expect(parseDunningLadder(' warning : 7 , suspended:21')).toEqual([
      { step: 'warning', days: 7 },
      { step: 'suspended', days: 21 },
    ]);
  });

  it.each([
    ['warning', '"warning" is not step:days (e.g. warning:3)'],
    ['warning:3,reminder:5', 'unknown step "reminder" (steps: warning, suspended, inactive, written_off)'],
    ['warning:3,warning:5', 'step "warning" appears twice'],
    ['suspended:3,warning:5', 'step "warning" comes before "suspended" (order: warning, suspended, inactive, written_off)'],
    ['warning:14,suspended:14', 'days must increase: "suspended" at 14 is not after "warning" at 14'],
    ['', '"" is not step:days (e.g. warning:3)'],
  ])('refuses %j: %s', (text, why) => {
    expect(parseDunningLadder(text)).toBe(why);
  });

  it('counts whole days since the invoice became overdue', () => {
    const since = new Date('2026-05-05T10:00:00.000Z');
    expect(daysOverdue(since, new Date('2026-05-05T09:00:00.000Z'))).toBe(0);
    expect(daysOverdue(since, new Date('2026-05-08T09:59:59.999Z'))).toBe(2);
    expect(daysOverdue(since, new Date('2026-05-08T10:00:00.000Z'))).toBe(3);
  });

  it('gives every step due and not taken, in order (a job that slept through two steps takes both)', () => {
    const ladder = parseDunningLadder(DEFAULT_DUNNING_LADDER) as Exclude<ReturnType<typeof parseDunningLadder>, string>;
    expect(stepsDue(ladder, 2, []).map((r) => r.step)).toEqual([]);
    expect(stepsDue(ladder, 3, []).map((r) => r.step)).toEqual(['warning']);
    expect(stepsDue(ladder, 3, ['warning']).map((r) => r.step)).toEqual([]);
    expect(stepsDue(ladder, 20, []).map((r) => r.step)).toEqual(['warning', 'suspended']);
    expect(stepsDue(ladder, 90, ['warning', 'suspended']).map((r) => r.step)).toEqual(['inactive', 'written_off']);
  });
});
