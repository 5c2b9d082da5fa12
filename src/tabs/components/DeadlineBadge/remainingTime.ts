import type { DeadlineKind } from '../../../core/clocks.js';

/**
 * How much time a deadline has left, in the unit a person reads it in. The rules follow the
 * core's `deadlineStatus` (`src/core/clocks.ts`), which the tab cannot import (it brings the
 * Swedish holiday calendar into the bundle); test/tabs/remainingTime.test.ts holds the two to
 * the same numbers:
 * - due at exactly `now` is still on time (the law says "within" 72 hours);
 * - whole units rounded down, so "31 h left" never promises more time than there is;
 * - hour clocks (IMY's 72 hours, the Cybersecurity Act's 24 and 72) count in hours up to
 *   72 hours, in days beyond; clocks counted in days count in days down to the last day.
 */

/** The unit a remaining time is shown in. */
export type RemainingUnit = 'days' | 'hours' | 'minutes' | 'lessThanMinute';

/** Time left until a deadline (or how late it is), in whole units rounded down. */
export interface RemainingTime {
  overdue: boolean;
  unit: RemainingUnit;
  /** How many units; 0 for `lessThanMinute`. */
  amount: number;
  /** Milliseconds left; negative when overdue. */
  remainingMs: number;
}

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;
const HOURS_SHOWN_UP_TO_MS = 72 * MS_PER_HOUR;

/** Clocks that run in elapsed hours (SPEC §5); the others run in (working) days. */
const hourClocks: ReadonlySet<DeadlineKind> = new Set<DeadlineKind>([
  'imyNotification',
  'earlyWarning',
  'incidentNotification',
]);

/** Whether a deadline is shown in hours until its last 72 hours (true also when the kind is unknown). */
export function isHourClock(kind: DeadlineKind | undefined): boolean {
  return kind === undefined || hourClocks.has(kind);
}

/** The time left until `dueAt` at `now`, in the unit that suits the deadline's clock. */
export function remainingTime(dueAt: string, now: Date, kind?: DeadlineKind): RemainingTime {
  const remainingMs = Date.parse(dueAt) - now.getTime();
  const overdue = remainingMs < 0;
  const span = Math.abs(remainingMs);
  const daysFrom = isHourClock(kind) ? HOURS_SHOWN_UP_TO_MS : MS_PER_DAY;
  const inDays = isHourClock(kind) ? span > daysFrom : span >= daysFrom;
  if (inDays) {
    return { overdue, unit: 'days', amount: Math.floor(span / MS_PER_DAY), remainingMs };
  }
  if (span >= MS_PER_HOUR) {
    return { overdue, unit: 'hours', amount: Math.floor(span / MS_PER_HOUR), remainingMs };
  }
  if (span >= MS_PER_MINUTE) {
    return { overdue, unit: 'minutes', amount: Math.floor(span / MS_PER_MINUTE), remainingMs };
  }
  return { overdue, unit: 'lessThanMinute', amount: 0, remainingMs };
}
