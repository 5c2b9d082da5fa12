import type { DeadlineKind } from '../../../core/clocks.js';
import type { LocalizedText } from '../../../core/i18n.js';

/** The deadline a badge shows: when it is due, and which clock it belongs to when known. */
export interface BadgeDeadline {
  dueAt: string;
  kind?: DeadlineKind;
  /** What the deadline is (e.g. "Anmälan till IMY"), shown under the badge. */
  label?: LocalizedText;
}

/** Props of DeadlineBadge. */
export interface DeadlineBadgeProps {
  /** The deadline, or null when the case has none (or the viewer may not see it). */
  deadline: BadgeDeadline | null;
  /** The time to count from (injected, so lists and tests agree on one clock). */
  now: Date;
}

/** How urgent a deadline is: the badge's colour, always said in words as well. */
export type DeadlineUrgency = 'overdue' | 'soon' | 'normal';
