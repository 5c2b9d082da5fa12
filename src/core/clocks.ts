/**
 * The case clocks of SPEC §5: deadlines, reminders and escalations derived from a case's start
 * time. The numbers are configurable defaults, not law. Three kinds of arithmetic, on purpose:
 * - hour clocks (GDPR art. 33, the Cybersecurity Act) are elapsed time, so 72 h is always
 *   exactly 72 × 3 600 000 ms, even across a DST change;
 * - week and month clocks keep the Stockholm wall-clock time of the start on a later date;
 * - the Lex Sarah day clocks end at the end of a local day (see calendar.ts for working days).
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import {
  STOCKHOLM,
  addCalendarDays,
  addCalendarMonths,
  addHours,
  addWorkingDays,
  endOfLocalDay,
} from './calendar.js';
import type { LocalizedText } from './i18n.js';

/** How long each clock runs; every number is an organisational default, not a legal constant. */
export interface ClockSettings {
  breach: {
    imyNotificationHours: number;
    reminderHours: number[];
    escalateWhenHoursRemain: number;
    supplementWeeks: number;
  };
  significantIncident: {
    earlyWarningHours: number;
    notificationHours: number;
    finalReportMonths: number;
  };
  lexSarah: {
    registerWithinWorkingDays: number;
    openOrDeclineWithinWorkingDays: number;
    investigationTargetDays: number;
  };
}

const positiveHours = z.number().positive();
const wholeCount = z.number().int().positive();
const wholeWorkingDays = z.number().int().nonnegative();

const breachSettingsSchema = z
  .object({
    imyNotificationHours: positiveHours.default(72),
    reminderHours: z.array(positiveHours).default([24, 48]),
    escalateWhenHoursRemain: positiveHours.default(12),
    supplementWeeks: wholeCount.default(4),
  })
  .superRefine((breach, ctx) => {
    // A reminder or escalation at or after the deadline would never be a warning.
    breach.reminderHours.forEach((hours, index) => {
      if (hours >= breach.imyNotificationHours) {
        ctx.addIssue({
          code: 'custom',
          path: ['reminderHours', index],
          message: `A reminder at ${hours} h must come before the ${breach.imyNotificationHours} h deadline`,
        });
      }
    });
    if (breach.escalateWhenHoursRemain >= breach.imyNotificationHours) {
      ctx.addIssue({
        code: 'custom',
        path: ['escalateWhenHoursRemain'],
        message: `Escalation must leave less than the ${breach.imyNotificationHours} h deadline`,
      });
    }
  });

/**
 * Validates clock settings from configuration; every field is optional and falls back to the
 * SPEC §5 default.
 */
export const clockSettingsSchema = z.object({
  breach: breachSettingsSchema.prefault({}),
  significantIncident: z
    .object({
      earlyWarningHours: positiveHours.default(24),
      notificationHours: positiveHours.default(72),
      finalReportMonths: wholeCount.default(1),
    })
    .prefault({}),
  lexSarah: z
    .object({
      registerWithinWorkingDays: wholeWorkingDays.default(0),
      openOrDeclineWithinWorkingDays: wholeWorkingDays.default(5),
      investigationTargetDays: wholeCount.default(60),
    })
    .prefault({}),
});

function deepFreeze<T extends object>(value: T): Readonly<T> {
  for (const inner of Object.values(value)) {
    if (typeof inner === 'object' && inner !== null) deepFreeze(inner as object);
  }
  return Object.freeze(value);
}

/** The SPEC §5 defaults (frozen, so no caller can change them for everyone else). */
export const defaultClockSettings: ClockSettings = deepFreeze(clockSettingsSchema.parse({}));

/** Which clock a deadline belongs to. */
export type DeadlineKind =
  | 'imyNotification'
  | 'imySupplement'
  | 'earlyWarning'
  | 'incidentNotification'
  | 'finalReport'
  | 'registration'
  | 'openOrDecline'
  | 'investigationTarget';

/** One deadline of a case, due at an ISO 8601 instant with its Stockholm offset. */
export interface Deadline {
  kind: DeadlineKind;
  dueAt: string;
  label: LocalizedText;
}

/** Who an alert goes to: the case's routed group, the data protection officer, the head of unit. */
export type AlertRecipient = 'routedGroup' | 'dpo' | 'headOfUnit';

/** A reminder or escalation to send at a given instant about one deadline. */
export interface Alert {
  kind: 'reminder' | 'escalation';
  deadline: DeadlineKind;
  at: string;
  notify: AlertRecipient[];
}

/** How much time a deadline has left (negative when overdue), with a text to show. */
export interface DeadlineStatus {
  kind: DeadlineKind;
  dueAt: string;
  remainingMs: number;
  overdue: boolean;
  remainingText: LocalizedText;
}

/** What each deadline is called in the user interface. */
export const deadlineLabels: Readonly<Record<DeadlineKind, LocalizedText>> = deepFreeze({
  imyNotification: { sv: 'Anmälan till IMY', en: 'Notification to IMY' },
  imySupplement: {
    sv: 'Sista dag att komplettera anmälan till IMY',
    en: 'Last day to supplement the IMY notification',
  },
  earlyWarning: { sv: 'Tidig varning', en: 'Early warning' },
  incidentNotification: { sv: 'Incidentanmälan', en: 'Incident notification' },
  finalReport: { sv: 'Slutrapport', en: 'Final report' },
  registration: { sv: 'Registrering i diariet', en: 'Registration in the registry' },
  openOrDecline: {
    sv: 'Inleda utredning eller besluta att inte utreda',
    en: 'Open an investigation or decide not to investigate',
  },
  investigationTarget: { sv: 'Målsättning för utredningen', en: 'Investigation target date' },
});

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;
// Up to three days, hours are the unit that matters (the 72-hour clock); beyond that, days.
const HOURS_SHOWN_UP_TO_MS = 72 * MS_PER_HOUR;

/** An instant as ISO 8601 in Stockholm with its offset, truncated to whole seconds. */
export function formatStockholm(instant: Date): string {
  const local = DateTime.fromJSDate(instant, { zone: STOCKHOLM });
  if (!local.isValid) {
    throw new RangeError('Invalid Date');
  }
  // Truncate rather than round: 23:59:59.999 must stay on its own day.
  return local.toFormat("yyyy-MM-dd'T'HH:mm:ssZZ");
}

function deadline(kind: DeadlineKind, dueAt: Date): Deadline {
  return { kind, dueAt: formatStockholm(dueAt), label: deadlineLabels[kind] };
}

/**
 * GDPR art. 33 deadlines of a personal data breach. The IMY supplement window runs from the
 * notification when it is known, otherwise from discovery (never later than the real one).
 */
export function breachDeadlines(
  discoveredAt: Date,
  settings: ClockSettings = defaultClockSettings,
  imyNotifiedAt?: Date,
): Deadline[] {
  const { imyNotificationHours, supplementWeeks } = settings.breach;
  return [
    deadline('imyNotification', addHours(discoveredAt, imyNotificationHours)),
    deadline('imySupplement', addCalendarDays(imyNotifiedAt ?? discoveredAt, supplementWeeks * 7)),
  ];
}

/**
 * Cybersecurity Act (NIS2 art. 23) deadlines of a significant incident. The final report is due
 * a month after the incident notification when it is known, otherwise after discovery.
 */
export function significantIncidentDeadlines(
  discoveredAt: Date,
  settings: ClockSettings = defaultClockSettings,
  incidentNotifiedAt?: Date,
): Deadline[] {
  const { earlyWarningHours, notificationHours, finalReportMonths } = settings.significantIncident;
  return [
    deadline('earlyWarning', addHours(discoveredAt, earlyWarningHours)),
    deadline('incidentNotification', addHours(discoveredAt, notificationHours)),
    deadline(
      'finalReport',
      addCalendarMonths(incidentNotifiedAt ?? discoveredAt, finalReportMonths),
    ),
  ];
}

/** Lex Sarah deadlines counted from receipt: registration, opening or declining, the target. */
export function lexSarahDeadlines(
  receivedAt: Date,
  settings: ClockSettings = defaultClockSettings,
): Deadline[] {
  const { registerWithinWorkingDays, openOrDeclineWithinWorkingDays, investigationTargetDays } =
    settings.lexSarah;
  return [
    deadline('registration', addWorkingDays(receivedAt, registerWithinWorkingDays)),
    deadline('openOrDecline', addWorkingDays(receivedAt, openOrDeclineWithinWorkingDays)),
    deadline(
      'investigationTarget',
      endOfLocalDay(addCalendarDays(receivedAt, investigationTargetDays)),
    ),
  ];
}

/**
 * Alerts for the IMY clock, in time order: reminders to the routed group, then an escalation to
 * the DPO and the head of unit when `escalateWhenHoursRemain` hours are left.
 */
export function breachAlerts(
  discoveredAt: Date,
  settings: ClockSettings = defaultClockSettings,
): Alert[] {
  const { imyNotificationHours, reminderHours, escalateWhenHoursRemain } = settings.breach;
  // Unvalidated settings may put a reminder past the deadline, where it would only confuse.
  const reminders = reminderHours
    .filter((hours) => hours > 0 && hours < imyNotificationHours)
    .map((hours): Alert => ({
      kind: 'reminder',
      deadline: 'imyNotification',
      at: formatStockholm(addHours(discoveredAt, hours)),
      notify: ['routedGroup'],
    }));
  const escalation: Alert = {
    kind: 'escalation',
    deadline: 'imyNotification',
    at: formatStockholm(
      addHours(discoveredAt, Math.max(0, imyNotificationHours - escalateWhenHoursRemain)),
    ),
    notify: ['dpo', 'headOfUnit'],
  };
  return [...reminders, escalation].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/**
 * The alerts whose time fell in the half-open window (since, now], so that consecutive polls
 * with `since` = the previous `now` send every alert exactly once.
 */
export function dueAlerts(alerts: Alert[], since: Date, now: Date): Alert[] {
  const from = since.getTime();
  const to = now.getTime();
  return alerts.filter((alert) => {
    const at = Date.parse(alert.at);
    return at > from && at <= to;
  });
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function durationText(ms: number): LocalizedText | null {
  // Whole units rounded down: "31 hours left" never promises more time than there is.
  if (ms > HOURS_SHOWN_UP_TO_MS) {
    const days = Math.floor(ms / MS_PER_DAY);
    return { sv: plural(days, 'dag', 'dagar'), en: plural(days, 'day', 'days') };
  }
  if (ms >= MS_PER_HOUR) {
    const hours = Math.floor(ms / MS_PER_HOUR);
    return { sv: plural(hours, 'timme', 'timmar'), en: plural(hours, 'hour', 'hours') };
  }
  if (ms >= MS_PER_MINUTE) {
    const minutes = Math.floor(ms / MS_PER_MINUTE);
    return { sv: plural(minutes, 'minut', 'minuter'), en: plural(minutes, 'minute', 'minutes') };
  }
  return null;
}

/** Time left until a deadline at `now`, or how late it is, with a short text in sv and en. */
export function deadlineStatus(deadline: Deadline, now: Date): DeadlineStatus {
  const remainingMs = Date.parse(deadline.dueAt) - now.getTime();
  // Due at exactly `now` is still on time: the law says "within" 72 hours.
  const overdue = remainingMs < 0;
  const amount = durationText(Math.abs(remainingMs));
  let remainingText: LocalizedText;
  if (overdue) {
    remainingText = amount
      ? { sv: `försenad med ${amount.sv}`, en: `overdue by ${amount.en}` }
      : { sv: 'försenad med mindre än en minut', en: 'overdue by less than a minute' };
  } else {
    remainingText = amount
      ? { sv: `${amount.sv} kvar`, en: `${amount.en} left` }
      : { sv: 'mindre än en minut kvar', en: 'less than a minute left' };
  }
  return { kind: deadline.kind, dueAt: deadline.dueAt, remainingMs, overdue, remainingText };
}

/**
 * Whether IMY was notified after the notification clock ran out, so `delayReason` is required;
 * notifying at exactly the deadline is on time.
 */
export function isLateNotification(
  discoveredAt: Date,
  notifiedAt: Date,
  settings: ClockSettings = defaultClockSettings,
): boolean {
  const deadlineMs = addHours(discoveredAt, settings.breach.imyNotificationHours).getTime();
  return notifiedAt.getTime() > deadlineMs;
}
