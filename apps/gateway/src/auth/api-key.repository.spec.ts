import { LAST_USED_RESOLUTION_MS, touchIsDue } from './api-key.repository';

describe('touchIsDue', () => {
  const now = new Date('2026-12-01T12:00:00.000Z');

  it('is due for a key never used', () => {
    expect(touchIsDue(null, now)).toBe(true);
  });

  it('is not due within the resolution, and due from it on', () => {
    expect(touchIsDue(new Date(now.getTime() - LAST_USED_RESOLUTION_MS + 1), now)).toBe(false);
    expect(touchIsDue(new Date(now.getTime() - LAST_USED_RESOLUTION_MS), now)).toBe(true);
  });
});
