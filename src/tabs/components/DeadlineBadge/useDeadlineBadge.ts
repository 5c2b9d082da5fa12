import { useI18n } from '../../i18n/I18nContext.js';
import type { Strings } from '../../i18n/strings.js';
import { remainingTime, type RemainingTime } from './remainingTime.js';
import type { DeadlineBadgeProps, DeadlineUrgency } from './DeadlineBadge.types.js';

/** Within this many hours a deadline is "soon" (the breach clock's escalation point, SPEC §5). */
const SOON_MS = 12 * 3_600_000;

/** The badge's words for a remaining time, e.g. "31 h kvar" or "Försenad med 2 dagar". */
export function remainingText(time: RemainingTime, t: Strings['deadline']): string {
  if (time.overdue) {
    switch (time.unit) {
      case 'days':
        return t.overdueDays(time.amount);
      case 'hours':
        return t.overdueHours(time.amount);
      case 'minutes':
        return t.overdueMinutes(time.amount);
      case 'lessThanMinute':
        return t.overdueJustNow;
    }
  }
  switch (time.unit) {
    case 'days':
      return t.daysLeft(time.amount);
    case 'hours':
      return t.hoursLeft(time.amount);
    case 'minutes':
      return t.minutesLeft(time.amount);
    case 'lessThanMinute':
      return t.lessThanMinuteLeft;
  }
}

/** What DeadlineBadge renders: the text, the urgency, the label and the exact due time. */
export interface DeadlineBadgeState {
  text: string;
  urgency: DeadlineUrgency;
  label: string | undefined;
  dueText: string;
  dueAt: string;
}

/** Computes the badge's state; null when there is no deadline. */
export function useDeadlineBadge({ deadline, now }: DeadlineBadgeProps): DeadlineBadgeState | null {
  const { t, locale, languageTag } = useI18n();
  if (deadline === null) return null;
  const time = remainingTime(deadline.dueAt, now, deadline.kind);
  const urgency: DeadlineUrgency = time.overdue
    ? 'overdue'
    : time.remainingMs <= SOON_MS
      ? 'soon'
      : 'normal';
  const due = new Intl.DateTimeFormat(languageTag, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Stockholm',
  }).format(new Date(deadline.dueAt));
  return {
    text: remainingText(time, t.deadline),
    urgency,
    label: deadline.label?.[locale],
    dueText: t.deadline.dueAt(due),
    dueAt: deadline.dueAt,
  };
}
