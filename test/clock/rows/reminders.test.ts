/** When a clock wakes next: 50% and 80% of its span, then the due instant (the breach check). */
import { describe, expect, it } from 'vitest';
import { nextReminderAt, reminderInstant } from '../../../src/domain/clock/reminders.ts';

const at = (iso: string) => new Date(iso);
// A 10-day span: 50% after 5 days, 80% after 8 days.
const startedAt = at('2026-03-01T00:00:00Z');
const dueAt = at('2026-03-11T00:00:00Z');

describe('nextReminderAt', () => {
  it.each([
    ['just started', [], '2026-03-01T00:00:00Z', '2026-03-06T00:00:00Z'],
    ['50% sent', [50], '2026-03-06T00:00:00Z', '2026-03-09T00:00:00Z'],
    ['50% missed (past, unsent): skipped', [], '2026-03-07T00:00:00Z', '2026-03-09T00:00:00Z'],
    ['50% and 80% sent', [50, 80], '2026-03-09T00:00:00Z', '2026-03-11T00:00:00Z'],
    [
      'past due, breach not recorded: wake at the due instant',
      [50, 80],
      '2026-03-12T00:00:00Z',
      '2026-03-11T00:00:00Z',
    ],
    ['past due, nothing sent: still the due instant', [], '2026-03-12T00:00:00Z', '2026-03-11T00:00:00Z'],
    ['everything handled', [50, 80, 100], '2026-03-12T00:00:00Z', null],
  ])('%s', (_name, sent, now, expected) => {
    const next = nextReminderAt({ startedAt, dueAt, remindersSent: sent, at: at(now) });
    expect(next).toEqual(expected === null ? null : at(expected));
  });

  it('computes the reminder instants from the span', () => {
    expect(reminderInstant(startedAt, dueAt, 50)).toEqual(at('2026-03-06T00:00:00Z'));
    expect(reminderInstant(startedAt, dueAt, 80)).toEqual(at('2026-03-09T00:00:00Z'));
    expect(reminderInstant(startedAt, dueAt, 100)).toEqual(dueAt);
  });
});
