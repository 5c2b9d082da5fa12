import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { deadlineLabels, deadlineStatus, type DeadlineKind } from '../../src/core/clocks.js';
import {
  remainingTime,
  type RemainingTime,
} from '../../src/tabs/components/DeadlineBadge/remainingTime.js';

/**
 * The tab's badge counts time as the core's `deadlineStatus` does (the tab cannot import it:
 * it brings the holiday calendar into the bundle). Hour clocks must agree with the core exactly;
 * day clocks differ on purpose only in showing days down to the last day.
 */

const NOW = new Date('2026-11-25T12:00:00+01:00');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Reads the core's Swedish text ("31 timmar kvar", "försenad med 2 dagar") as a RemainingTime. */
function fromCoreText(text: string): Pick<RemainingTime, 'overdue' | 'unit' | 'amount'> {
  const overdue = text.startsWith('försenad');
  if (text.includes('mindre än en minut')) return { overdue, unit: 'lessThanMinute', amount: 0 };
  const match = /(\d+) (dag|dagar|timme|timmar|minut|minuter)/.exec(text);
  if (match === null) throw new Error(`unreadable core text: ${text}`);
  const unit = match[2]!.startsWith('dag')
    ? 'days'
    : match[2]!.startsWith('tim')
      ? 'hours'
      : 'minutes';
  return { overdue, unit, amount: Number(match[1]) };
}

function due(offsetMs: number): string {
  return new Date(NOW.getTime() + offsetMs).toISOString();
}

describe('remainingTime', () => {
  it('agrees with the core on every hour clock, to the millisecond', () => {
    const hourClocks: DeadlineKind[] = ['imyNotification', 'earlyWarning', 'incidentNotification'];
    fc.assert(
      fc.property(
        fc.integer({ min: -40 * DAY, max: 40 * DAY }),
        fc.constantFrom(...hourClocks),
        (offset, kind) => {
          const dueAt = due(offset);
          const core = deadlineStatus({ kind, dueAt, label: deadlineLabels[kind] }, NOW);
          const tab = remainingTime(dueAt, NOW, kind);
          expect(tab.remainingMs).toBe(core.remainingMs);
          expect({ overdue: tab.overdue, unit: tab.unit, amount: tab.amount }).toEqual(
            fromCoreText(core.remainingText.sv),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("agrees with the core on lateness and on the time left beyond a day's clocks' last 72 hours", () => {
    fc.assert(
      fc.property(fc.integer({ min: -40 * DAY, max: 40 * DAY }), (offset) => {
        const dueAt = due(offset);
        const core = deadlineStatus(
          { kind: 'openOrDecline', dueAt, label: deadlineLabels.openOrDecline },
          NOW,
        );
        const tab = remainingTime(dueAt, NOW, 'openOrDecline');
        expect(tab.overdue).toBe(core.overdue);
        if (Math.abs(offset) > 72 * HOUR || Math.abs(offset) < DAY) {
          expect({ overdue: tab.overdue, unit: tab.unit, amount: tab.amount }).toEqual(
            fromCoreText(core.remainingText.sv),
          );
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('counts the 72-hour clock in hours, rounded down', () => {
    expect(remainingTime(due(72 * HOUR), NOW, 'imyNotification')).toMatchObject({
      unit: 'hours',
      amount: 72,
    });
    expect(remainingTime(due(31 * HOUR + 59 * 60_000), NOW, 'imyNotification')).toMatchObject({
      unit: 'hours',
      amount: 31,
    });
  });

  it('counts day clocks in days down to the last day', () => {
    expect(remainingTime(due(2 * DAY + 5 * HOUR), NOW, 'openOrDecline')).toMatchObject({
      unit: 'days',
      amount: 2,
    });
    expect(remainingTime(due(DAY), NOW, 'registration')).toMatchObject({ unit: 'days', amount: 1 });
    expect(remainingTime(due(23 * HOUR), NOW, 'registration')).toMatchObject({
      unit: 'hours',
      amount: 23,
    });
  });

  it('is on time at exactly the deadline, and late a millisecond after', () => {
    expect(remainingTime(due(0), NOW, 'imyNotification')).toMatchObject({
      overdue: false,
      unit: 'lessThanMinute',
    });
    expect(remainingTime(due(-1), NOW, 'imyNotification')).toMatchObject({
      overdue: true,
      unit: 'lessThanMinute',
    });
  });
});
