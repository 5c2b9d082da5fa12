import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  type Alert,
  type ClockSettings,
  type Deadline,
  breachAlerts,
  breachDeadlines,
  clockSettingsSchema,
  deadlineLabels,
  deadlineStatus,
  defaultClockSettings,
  dueAlerts,
  formatStockholm,
  isLateNotification,
  lexSarahDeadlines,
  significantIncidentDeadlines,
} from '../../src/core/clocks.js';

const at = (iso: string): Date => new Date(iso);
const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAY = 24 * HOUR;

const byKind = (deadlines: Deadline[]): Record<string, string> =>
  Object.fromEntries(deadlines.map((d) => [d.kind, d.dueAt]));

/** Settings with one section changed, the rest left at the defaults. */
function withSettings(overrides: {
  breach?: Partial<ClockSettings['breach']>;
  lexSarah?: Partial<ClockSettings['lexSarah']>;
}): ClockSettings {
  return {
    breach: { ...defaultClockSettings.breach, ...overrides.breach },
    significantIncident: { ...defaultClockSettings.significantIncident },
    lexSarah: { ...defaultClockSettings.lexSarah, ...overrides.lexSarah },
  };
}

// The shared scenario breach-misdirected-jobplan.json (discoveredAt and expect.imyDeadline).
const scenarioDiscoveredAt = at('2020-05-27T15:40:00+02:00');
const scenarioImyDeadline = '2020-05-30T15:40:00+02:00';

describe('formatStockholm', () => {
  it('writes ISO 8601 with the Stockholm offset in summer and winter', () => {
    expect(formatStockholm(at('2020-05-30T13:40:00Z'))).toBe('2020-05-30T15:40:00+02:00');
    expect(formatStockholm(at('2026-01-15T08:05:09Z'))).toBe('2026-01-15T09:05:09+01:00');
  });

  it('truncates milliseconds instead of rounding into the next day', () => {
    expect(formatStockholm(at('2026-03-10T22:59:59.999Z'))).toBe('2026-03-10T23:59:59+01:00');
  });

  it('refuses an invalid Date', () => {
    expect(() => formatStockholm(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('clockSettingsSchema and defaultClockSettings', () => {
  it('fills in the SPEC §5 defaults', () => {
    expect(clockSettingsSchema.parse({})).toEqual({
      breach: {
        imyNotificationHours: 72,
        reminderHours: [24, 48],
        escalateWhenHoursRemain: 12,
        supplementWeeks: 4,
      },
      significantIncident: { earlyWarningHours: 24, notificationHours: 72, finalReportMonths: 1 },
      lexSarah: {
        registerWithinWorkingDays: 0,
        openOrDeclineWithinWorkingDays: 5,
        investigationTargetDays: 60,
      },
    });
    expect(defaultClockSettings).toEqual(clockSettingsSchema.parse({}));
  });

  it('keeps the defaults of the fields a configuration leaves out', () => {
    const parsed = clockSettingsSchema.parse({
      breach: { imyNotificationHours: 96 },
      lexSarah: { openOrDeclineWithinWorkingDays: 3 },
    });
    expect(parsed).toEqual({
      breach: {
        imyNotificationHours: 96,
        reminderHours: [24, 48],
        escalateWhenHoursRemain: 12,
        supplementWeeks: 4,
      },
      significantIncident: defaultClockSettings.significantIncident,
      lexSarah: {
        registerWithinWorkingDays: 0,
        openOrDeclineWithinWorkingDays: 3,
        investigationTargetDays: 60,
      },
    });
  });

  it('refuses zero, negative and fractional values where they make no sense', () => {
    expect(clockSettingsSchema.safeParse({ breach: { imyNotificationHours: 0 } }).success).toBe(
      false,
    );
    expect(
      clockSettingsSchema.safeParse({ significantIncident: { earlyWarningHours: -1 } }).success,
    ).toBe(false);
    expect(
      clockSettingsSchema.safeParse({ lexSarah: { openOrDeclineWithinWorkingDays: 1.5 } }).success,
    ).toBe(false);
    expect(
      clockSettingsSchema.safeParse({ lexSarah: { registerWithinWorkingDays: -1 } }).success,
    ).toBe(false);
    expect(clockSettingsSchema.safeParse({ breach: { supplementWeeks: 0 } }).success).toBe(false);
  });

  it('refuses a reminder or escalation that would come at or after the deadline, by path', () => {
    const late = clockSettingsSchema.safeParse({ breach: { reminderHours: [24, 72] } });
    expect(late.success).toBe(false);
    expect(late.error?.issues.map((issue) => issue.path)).toEqual([['breach', 'reminderHours', 1]]);
    const escalation = clockSettingsSchema.safeParse({ breach: { escalateWhenHoursRemain: 72 } });
    expect(escalation.error?.issues.map((issue) => issue.path)).toEqual([
      ['breach', 'escalateWhenHoursRemain'],
    ]);
    // Shortening the deadline alone strands the default 48 h reminder: say so at start-up.
    const shorter = clockSettingsSchema.safeParse({ breach: { imyNotificationHours: 48 } });
    expect(shorter.error?.issues.map((issue) => issue.path)).toEqual([
      ['breach', 'reminderHours', 1],
    ]);
    expect(
      clockSettingsSchema.safeParse({ breach: { imyNotificationHours: 48, reminderHours: [24] } })
        .success,
    ).toBe(true);
  });

  it('freezes the shared defaults', () => {
    expect(Object.isFrozen(defaultClockSettings)).toBe(true);
    expect(Object.isFrozen(defaultClockSettings.breach.reminderHours)).toBe(true);
  });
});

describe('breachDeadlines', () => {
  it('gives the scenario IMY deadline exactly, and a four-week supplement window', () => {
    const deadlines = breachDeadlines(scenarioDiscoveredAt);
    expect(deadlines).toEqual([
      {
        kind: 'imyNotification',
        dueAt: scenarioImyDeadline,
        label: { sv: 'Anmälan till IMY', en: 'Notification to IMY' },
      },
      {
        kind: 'imySupplement',
        dueAt: '2020-06-24T15:40:00+02:00',
        label: deadlineLabels.imySupplement,
      },
    ]);
  });

  it('runs the supplement window from the notification once it is known', () => {
    const deadlines = breachDeadlines(
      scenarioDiscoveredAt,
      defaultClockSettings,
      at('2020-05-29T09:00:00+02:00'),
    );
    expect(byKind(deadlines).imySupplement).toBe('2020-06-26T09:00:00+02:00');
  });

  it('counts 72 real hours across spring-forward', () => {
    expect(byKind(breachDeadlines(at('2026-03-27T15:00:00+01:00'))).imyNotification).toBe(
      '2026-03-30T16:00:00+02:00',
    );
  });

  it('uses configured hours', () => {
    const settings = withSettings({ breach: { imyNotificationHours: 48, reminderHours: [24] } });
    expect(byKind(breachDeadlines(scenarioDiscoveredAt, settings)).imyNotification).toBe(
      '2020-05-29T15:40:00+02:00',
    );
  });

  it('property: the IMY deadline is exactly 72 × 3 600 000 ms after discovery', () => {
    fc.assert(
      fc.property(
        fc.integer({
          min: Date.parse('1995-01-01T00:00:00Z') / 1000,
          max: Date.parse('2095-01-01T00:00:00Z') / 1000,
        }),
        (seconds) => {
          const discoveredAt = new Date(seconds * 1000);
          const imy = breachDeadlines(discoveredAt).find((d) => d.kind === 'imyNotification');
          expect(Date.parse(imy!.dueAt) - discoveredAt.getTime()).toBe(72 * 3600 * 1000);
        },
      ),
    );
  });
});

describe('significantIncidentDeadlines', () => {
  it('gives early warning at 24 h, notification at 72 h and a final report a month later', () => {
    const deadlines = significantIncidentDeadlines(at('2026-03-27T15:00:00+01:00'));
    expect(byKind(deadlines)).toEqual({
      earlyWarning: '2026-03-28T15:00:00+01:00',
      incidentNotification: '2026-03-30T16:00:00+02:00',
      finalReport: '2026-04-27T15:00:00+02:00',
    });
    expect(deadlines.map((d) => d.label.sv)).toEqual([
      'Tidig varning',
      'Incidentanmälan',
      'Slutrapport',
    ]);
  });

  it('runs the final report from the incident notification once it is known', () => {
    const deadlines = significantIncidentDeadlines(
      at('2026-01-29T10:00:00+01:00'),
      defaultClockSettings,
      at('2026-01-31T10:00:00+01:00'),
    );
    expect(byKind(deadlines).finalReport).toBe('2026-02-28T10:00:00+01:00');
  });
});

describe('lexSarahDeadlines', () => {
  it('registers the same working day, opens or declines within 5 working days, targets 60 days', () => {
    // The scenario's Thursday 2018-02-01, taken as the day of receipt.
    const deadlines = lexSarahDeadlines(at('2018-02-01T14:00:00+01:00'));
    expect(byKind(deadlines)).toEqual({
      registration: '2018-02-01T23:59:59+01:00',
      openOrDecline: '2018-02-08T23:59:59+01:00',
      investigationTarget: '2018-04-02T23:59:59+02:00',
    });
    expect(deadlines.map((d) => d.label.en)).toEqual([
      'Registration in the registry',
      'Open an investigation or decide not to investigate',
      'Investigation target date',
    ]);
  });

  it('counts a report received on Friday evening from that Friday', () => {
    expect(byKind(lexSarahDeadlines(at('2026-03-13T21:00:00+01:00')))).toMatchObject({
      registration: '2026-03-13T23:59:59+01:00',
      openOrDecline: '2026-03-20T23:59:59+01:00',
    });
  });

  it('counts a report received on Saturday from the next Monday', () => {
    expect(byKind(lexSarahDeadlines(at('2026-03-14T10:00:00+01:00')))).toMatchObject({
      registration: '2026-03-16T23:59:59+01:00',
      openOrDecline: '2026-03-23T23:59:59+01:00',
    });
  });

  it('keeps a report received at 23:30 on a working day on that day', () => {
    expect(byKind(lexSarahDeadlines(at('2026-03-11T23:30:00+01:00'))).registration).toBe(
      '2026-03-11T23:59:59+01:00',
    );
  });

  it('counts a report received on julafton from the first working day after Christmas', () => {
    expect(byKind(lexSarahDeadlines(at('2025-12-24T10:00:00+01:00')))).toEqual({
      registration: '2025-12-29T23:59:59+01:00',
      openOrDecline: '2026-01-08T23:59:59+01:00',
      investigationTarget: '2026-02-22T23:59:59+01:00',
    });
  });

  it('uses configured working days', () => {
    const settings = withSettings({
      lexSarah: { registerWithinWorkingDays: 1, openOrDeclineWithinWorkingDays: 10 },
    });
    expect(byKind(lexSarahDeadlines(at('2026-03-13T21:00:00+01:00'), settings))).toMatchObject({
      registration: '2026-03-16T23:59:59+01:00',
      openOrDecline: '2026-03-27T23:59:59+01:00',
    });
  });
});

describe('breachAlerts', () => {
  it('reminds the routed group at 24 h and 48 h and escalates with 12 h left', () => {
    expect(breachAlerts(scenarioDiscoveredAt)).toEqual([
      {
        kind: 'reminder',
        deadline: 'imyNotification',
        at: '2020-05-28T15:40:00+02:00',
        notify: ['routedGroup'],
      },
      {
        kind: 'reminder',
        deadline: 'imyNotification',
        at: '2020-05-29T15:40:00+02:00',
        notify: ['routedGroup'],
      },
      {
        kind: 'escalation',
        deadline: 'imyNotification',
        at: '2020-05-30T03:40:00+02:00',
        notify: ['dpo', 'headOfUnit'],
      },
    ]);
  });

  it('counts real hours across spring-forward', () => {
    expect(breachAlerts(at('2026-03-27T15:00:00+01:00')).map((a) => a.at)).toEqual([
      '2026-03-28T15:00:00+01:00',
      '2026-03-29T16:00:00+02:00',
      '2026-03-30T04:00:00+02:00',
    ]);
  });

  it('sorts configured reminders and drops those that unvalidated settings put too late', () => {
    const settings = withSettings({ breach: { reminderHours: [48, 80, 6, 24] } });
    expect(breachAlerts(scenarioDiscoveredAt, settings).map((a) => [a.kind, a.at])).toEqual([
      ['reminder', '2020-05-27T21:40:00+02:00'],
      ['reminder', '2020-05-28T15:40:00+02:00'],
      ['reminder', '2020-05-29T15:40:00+02:00'],
      ['escalation', '2020-05-30T03:40:00+02:00'],
    ]);
  });

  it('escalates at once when unvalidated settings leave no time before escalation', () => {
    const settings = withSettings({ breach: { reminderHours: [], escalateWhenHoursRemain: 100 } });
    expect(breachAlerts(scenarioDiscoveredAt, settings)).toEqual([
      {
        kind: 'escalation',
        deadline: 'imyNotification',
        at: '2020-05-27T15:40:00+02:00',
        notify: ['dpo', 'headOfUnit'],
      },
    ]);
  });
});

describe('dueAlerts', () => {
  const alerts = breachAlerts(scenarioDiscoveredAt);
  const afterDiscovery = (ms: number): Date => new Date(scenarioDiscoveredAt.getTime() + ms);
  const kinds = (due: Alert[]): string[] => due.map((a) => `${a.kind}@${a.at}`);

  it('returns nothing before the first reminder', () => {
    expect(dueAlerts(alerts, scenarioDiscoveredAt, afterDiscovery(24 * HOUR - 1))).toEqual([]);
  });

  it('includes an alert at exactly `now` and excludes one at exactly `since`', () => {
    expect(kinds(dueAlerts(alerts, scenarioDiscoveredAt, afterDiscovery(24 * HOUR)))).toEqual([
      'reminder@2020-05-28T15:40:00+02:00',
    ]);
    expect(dueAlerts(alerts, afterDiscovery(24 * HOUR), afterDiscovery(25 * HOUR))).toEqual([]);
  });

  it('returns every alert that fell in a long window, in time order', () => {
    expect(dueAlerts(alerts, scenarioDiscoveredAt, afterDiscovery(72 * HOUR))).toEqual(alerts);
    expect(kinds(dueAlerts(alerts, afterDiscovery(30 * HOUR), afterDiscovery(61 * HOUR)))).toEqual([
      'reminder@2020-05-29T15:40:00+02:00',
      'escalation@2020-05-30T03:40:00+02:00',
    ]);
  });

  it('returns nothing for an empty window', () => {
    expect(dueAlerts(alerts, afterDiscovery(48 * HOUR), afterDiscovery(48 * HOUR))).toEqual([]);
  });

  it('property: consecutive polls deliver each alert in the covered span exactly once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 80 * 60 }), { minLength: 1, maxLength: 12 }),
        (pollMinutes) => {
          const polls = [0, ...[...pollMinutes].sort((a, b) => a - b)].map((m) =>
            afterDiscovery(m * MINUTE),
          );
          const delivered: Alert[] = [];
          for (let i = 1; i < polls.length; i += 1) {
            delivered.push(...dueAlerts(alerts, polls[i - 1]!, polls[i]!));
          }
          const last = polls[polls.length - 1]!;
          expect(delivered).toEqual(alerts.filter((a) => Date.parse(a.at) <= last.getTime()));
        },
      ),
    );
  });
});

describe('deadlineStatus', () => {
  const imy = breachDeadlines(scenarioDiscoveredAt)[0]!;
  const dueMs = Date.parse(imy.dueAt);
  const atOffset = (ms: number): Date => new Date(dueMs + ms);

  it('shows hours left on the 72-hour clock', () => {
    const status = deadlineStatus(imy, atOffset(-31 * HOUR));
    expect(status).toEqual({
      kind: 'imyNotification',
      dueAt: scenarioImyDeadline,
      remainingMs: 31 * HOUR,
      overdue: false,
      remainingText: { sv: '31 timmar kvar', en: '31 hours left' },
    });
    expect(deadlineStatus(imy, scenarioDiscoveredAt).remainingText).toEqual({
      sv: '72 timmar kvar',
      en: '72 hours left',
    });
  });

  it('rounds down, so it never promises more time than there is', () => {
    expect(deadlineStatus(imy, atOffset(-(31 * HOUR + 59 * MINUTE))).remainingText.en).toBe(
      '31 hours left',
    );
  });

  it('uses the singular for one unit', () => {
    expect(deadlineStatus(imy, atOffset(-(HOUR + 5 * MINUTE))).remainingText).toEqual({
      sv: '1 timme kvar',
      en: '1 hour left',
    });
    expect(deadlineStatus(imy, atOffset(-MINUTE)).remainingText).toEqual({
      sv: '1 minut kvar',
      en: '1 minute left',
    });
  });

  it('shows minutes in the last hour and "less than a minute" at the very end', () => {
    expect(deadlineStatus(imy, atOffset(-45 * MINUTE)).remainingText).toEqual({
      sv: '45 minuter kvar',
      en: '45 minutes left',
    });
    const atDeadline = deadlineStatus(imy, atOffset(0));
    expect(atDeadline.overdue).toBe(false);
    expect(atDeadline.remainingText).toEqual({
      sv: 'mindre än en minut kvar',
      en: 'less than a minute left',
    });
  });

  it('shows how late an overdue deadline is', () => {
    const status = deadlineStatus(imy, atOffset(5 * HOUR + 30 * MINUTE));
    expect(status.overdue).toBe(true);
    expect(status.remainingMs).toBe(-(5 * HOUR + 30 * MINUTE));
    expect(status.remainingText).toEqual({
      sv: 'försenad med 5 timmar',
      en: 'overdue by 5 hours',
    });
    expect(deadlineStatus(imy, atOffset(30_000)).remainingText).toEqual({
      sv: 'försenad med mindre än en minut',
      en: 'overdue by less than a minute',
    });
  });

  it('switches to days beyond 72 hours, left and overdue', () => {
    const target = lexSarahDeadlines(at('2026-03-11T10:00:00+01:00'))[2]!;
    expect(target.kind).toBe('investigationTarget');
    const targetMs = Date.parse(target.dueAt);
    expect(deadlineStatus(target, new Date(targetMs - 12 * DAY - 5 * HOUR)).remainingText).toEqual({
      sv: '12 dagar kvar',
      en: '12 days left',
    });
    expect(deadlineStatus(target, new Date(targetMs + 4 * DAY + 2 * HOUR)).remainingText).toEqual({
      sv: 'försenad med 4 dagar',
      en: 'overdue by 4 days',
    });
    expect(deadlineStatus(target, new Date(targetMs - 72 * HOUR - 1)).remainingText.en).toBe(
      '3 days left',
    );
  });
});

describe('isLateNotification', () => {
  const after = (ms: number): Date => new Date(scenarioDiscoveredAt.getTime() + ms);

  it('is on time at 71:59 and at exactly 72:00, late at 72:01', () => {
    expect(isLateNotification(scenarioDiscoveredAt, after(71 * HOUR + 59 * MINUTE))).toBe(false);
    expect(isLateNotification(scenarioDiscoveredAt, after(72 * HOUR))).toBe(false);
    expect(isLateNotification(scenarioDiscoveredAt, after(72 * HOUR + MINUTE))).toBe(true);
  });

  it('uses the configured notification hours', () => {
    const settings = withSettings({ breach: { imyNotificationHours: 48, reminderHours: [24] } });
    expect(isLateNotification(scenarioDiscoveredAt, after(49 * HOUR), settings)).toBe(true);
    expect(isLateNotification(scenarioDiscoveredAt, after(47 * HOUR), settings)).toBe(false);
  });
});
