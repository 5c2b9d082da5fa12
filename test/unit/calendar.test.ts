import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  STOCKHOLM,
  addCalendarDays,
  addCalendarMonths,
  addHours,
  addWorkingDays,
  endOfLocalDay,
  endOfWorkingDay,
  isWorkingDay,
  localDate,
  nonWorkingDayName,
  weekdayName,
} from '../../src/core/calendar.js';
import { formatStockholm } from '../../src/core/clocks.js';

const at = (iso: string): Date => new Date(iso);
const stockholm = (instant: Date): string => formatStockholm(instant);

describe('STOCKHOLM', () => {
  it('is the IANA zone name', () => {
    expect(STOCKHOLM).toBe('Europe/Stockholm');
  });
});

describe('weekdayName', () => {
  it('derives the weekday of the Lex Sarah scenario: 2018-02-01 was a Thursday', () => {
    const noticedAt = at('2018-02-01T14:00:00+01:00');
    expect(weekdayName(noticedAt, 'sv')).toBe('torsdag');
    expect(weekdayName(noticedAt, 'en')).toBe('Thursday');
  });

  it('names a whole week, lower case in Swedish and capitalised in English', () => {
    const days = [16, 17, 18, 19, 20, 21, 22].map((d) => at(`2026-03-${d}T12:00:00+01:00`));
    expect(days.map((d) => weekdayName(d, 'sv'))).toEqual([
      'måndag',
      'tisdag',
      'onsdag',
      'torsdag',
      'fredag',
      'lördag',
      'söndag',
    ]);
    expect(days.map((d) => weekdayName(d, 'en'))).toEqual([
      'Monday',
      'Tuesday',
      'Wednesday',
      'Thursday',
      'Friday',
      'Saturday',
      'Sunday',
    ]);
  });

  it('uses the Stockholm date, not the UTC date', () => {
    // 23:30 UTC on a Friday is already Saturday in Stockholm.
    expect(weekdayName(at('2026-03-13T23:30:00Z'), 'sv')).toBe('lördag');
  });
});

describe('localDate', () => {
  it('gives the Stockholm date of an instant', () => {
    expect(localDate(at('2025-12-31T23:30:00Z'))).toBe('2026-01-01');
    expect(localDate(at('2026-07-01T21:59:59Z'))).toBe('2026-07-01');
    expect(localDate(at('2026-07-01T22:00:00Z'))).toBe('2026-07-02');
  });

  it('refuses an invalid Date', () => {
    expect(() => localDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('isWorkingDay and nonWorkingDayName', () => {
  const holidays: Record<string, [string, string][]> = {
    '2025': [
      ['2025-01-01', 'Nyårsdagen'],
      ['2025-01-06', 'Trettondedag jul'],
      ['2025-04-18', 'Långfredagen'],
      ['2025-04-20', 'Påskdagen'],
      ['2025-04-21', 'Annandag påsk'],
      ['2025-05-01', 'Första maj'],
      ['2025-05-29', 'Kristi himmelsfärdsdag'],
      ['2025-06-06', 'Nationaldagen'],
      ['2025-06-20', 'Midsommarafton'],
      ['2025-06-21', 'Midsommardagen'],
      ['2025-11-01', 'Alla helgons dag'],
      ['2025-12-24', 'Julafton'],
      ['2025-12-25', 'Juldagen'],
      ['2025-12-26', 'Annandag jul'],
      ['2025-12-31', 'Nyårsafton'],
    ],
    '2026': [
      ['2026-01-01', 'Nyårsdagen'],
      ['2026-01-06', 'Trettondedag jul'],
      ['2026-04-03', 'Långfredagen'],
      ['2026-04-05', 'Påskdagen'],
      ['2026-04-06', 'Annandag påsk'],
      ['2026-05-01', 'Första maj'],
      ['2026-05-14', 'Kristi himmelsfärdsdag'],
      ['2026-06-06', 'Nationaldagen'],
      ['2026-06-19', 'Midsommarafton'],
      ['2026-06-20', 'Midsommardagen'],
      ['2026-10-31', 'Alla helgons dag'],
      ['2026-12-24', 'Julafton'],
      ['2026-12-25', 'Juldagen'],
      ['2026-12-26', 'Annandag jul'],
      ['2026-12-31', 'Nyårsafton'],
    ],
  };

  for (const [year, days] of Object.entries(holidays)) {
    it(`treats every Swedish holiday and eve of ${year} as non-working, by name`, () => {
      for (const [date, name] of days) {
        expect({ date, working: isWorkingDay(date) }).toEqual({ date, working: false });
        expect({ date, name: nonWorkingDayName(date)?.sv }).toEqual({ date, name });
      }
    });
  }

  it('names holidays in English too', () => {
    expect(nonWorkingDayName('2026-04-03')).toEqual({ sv: 'Långfredagen', en: 'Good Friday' });
    expect(nonWorkingDayName('2026-12-24')).toEqual({ sv: 'Julafton', en: 'Christmas Eve' });
    expect(nonWorkingDayName('2026-06-19')).toEqual({ sv: 'Midsommarafton', en: 'Midsummer Eve' });
  });

  it('names a weekend day by its weekday, and a holiday on a Sunday by the holiday', () => {
    expect(nonWorkingDayName('2026-03-14')).toEqual({ sv: 'Lördag', en: 'Saturday' });
    expect(nonWorkingDayName('2026-03-15')).toEqual({ sv: 'Söndag', en: 'Sunday' });
    expect(nonWorkingDayName('2026-04-05')?.sv).toBe('Påskdagen');
    expect(isWorkingDay('2026-03-14')).toBe(false);
    expect(isWorkingDay('2026-03-15')).toBe(false);
  });

  it('treats a normal Tuesday as a working day', () => {
    expect(isWorkingDay('2026-03-10')).toBe(true);
    expect(nonWorkingDayName('2026-03-10')).toBeNull();
  });

  it('keeps eves and observances that are ordinary working days as working days', () => {
    // trettondagsafton, skärtorsdagen, valborgsmässoafton, annandag pingst, allhelgonaafton
    for (const date of ['2026-01-05', '2026-04-02', '2026-04-30', '2026-05-25', '2026-10-30']) {
      expect({ date, working: isWorkingDay(date) }).toEqual({ date, working: true });
    }
  });

  it('refuses anything that is not a real YYYY-MM-DD date', () => {
    for (const bad of ['2026-02-30', '2026-2-3', '20260203', 'tisdag', '']) {
      expect(() => isWorkingDay(bad)).toThrow(RangeError);
      expect(() => nonWorkingDayName(bad)).toThrow(RangeError);
    }
  });
});

describe('addWorkingDays and endOfWorkingDay', () => {
  it('ends a working day at 23:59:59.999 local time', () => {
    const end = endOfWorkingDay(at('2026-03-10T09:00:00+01:00'));
    expect(end.toISOString()).toBe('2026-03-10T22:59:59.999Z');
    expect(stockholm(end)).toBe('2026-03-10T23:59:59+01:00');
  });

  it('counts across Easter 2026 (långfredagen and annandag påsk)', () => {
    const skartorsdagen = at('2026-04-02T10:00:00+02:00');
    expect(stockholm(addWorkingDays(skartorsdagen, 0))).toBe('2026-04-02T23:59:59+02:00');
    expect(stockholm(addWorkingDays(skartorsdagen, 1))).toBe('2026-04-07T23:59:59+02:00');
    // Wednesday before Easter + 5: Thu 2, Tue 7, Wed 8, Thu 9, Fri 10.
    expect(stockholm(addWorkingDays(at('2026-04-01T10:00:00+02:00'), 5))).toBe(
      '2026-04-10T23:59:59+02:00',
    );
    expect(stockholm(endOfWorkingDay(at('2026-04-03T08:00:00+02:00')))).toBe(
      '2026-04-07T23:59:59+02:00',
    );
  });

  it('counts across Christmas and New Year 2025/26', () => {
    const dayBeforeJulafton = at('2025-12-23T15:00:00+01:00');
    expect(stockholm(addWorkingDays(dayBeforeJulafton, 1))).toBe('2025-12-29T23:59:59+01:00');
    // Mon 29, Tue 30, (nyårsafton, nyårsdagen) Fri 2, Mon 5, (trettondedag jul) Wed 7.
    expect(stockholm(addWorkingDays(dayBeforeJulafton, 5))).toBe('2026-01-07T23:59:59+01:00');
    expect(stockholm(endOfWorkingDay(at('2025-12-24T10:00:00+01:00')))).toBe(
      '2025-12-29T23:59:59+01:00',
    );
    expect(stockholm(endOfWorkingDay(at('2025-12-31T10:00:00+01:00')))).toBe(
      '2026-01-02T23:59:59+01:00',
    );
  });

  it('counts a report received on Friday evening from that Friday', () => {
    const fridayEvening = at('2026-03-13T21:00:00+01:00');
    expect(stockholm(addWorkingDays(fridayEvening, 0))).toBe('2026-03-13T23:59:59+01:00');
    expect(stockholm(addWorkingDays(fridayEvening, 1))).toBe('2026-03-16T23:59:59+01:00');
    expect(stockholm(addWorkingDays(fridayEvening, 5))).toBe('2026-03-20T23:59:59+01:00');
  });

  it('counts a report received on Saturday from the next Monday', () => {
    const saturday = at('2026-03-14T10:00:00+01:00');
    expect(stockholm(addWorkingDays(saturday, 0))).toBe('2026-03-16T23:59:59+01:00');
    expect(stockholm(addWorkingDays(saturday, 5))).toBe('2026-03-23T23:59:59+01:00');
    // 00:30 on Saturday in Stockholm is still Friday in UTC: the local date decides.
    expect(stockholm(endOfWorkingDay(at('2026-03-14T00:30:00+01:00')))).toBe(
      '2026-03-16T23:59:59+01:00',
    );
  });

  it('keeps a report received at 23:30 on a working day on that day', () => {
    const lateWednesday = at('2026-03-11T23:30:00+01:00');
    expect(stockholm(endOfWorkingDay(lateWednesday))).toBe('2026-03-11T23:59:59+01:00');
    expect(stockholm(addWorkingDays(lateWednesday, 5))).toBe('2026-03-18T23:59:59+01:00');
  });

  it('ends working days with the right offset across spring-forward 2026 (29 March)', () => {
    const friday = at('2026-03-27T15:00:00+01:00');
    expect(stockholm(addWorkingDays(friday, 0))).toBe('2026-03-27T23:59:59+01:00');
    expect(stockholm(addWorkingDays(friday, 1))).toBe('2026-03-30T23:59:59+02:00');
    // Just before and just after the missing hour 02:00–03:00 on the Sunday.
    for (const iso of ['2026-03-29T00:59:59Z', '2026-03-29T01:00:00Z']) {
      expect(localDate(at(iso))).toBe('2026-03-29');
      expect(stockholm(endOfWorkingDay(at(iso)))).toBe('2026-03-30T23:59:59+02:00');
    }
  });

  it('ends working days with the right offset across fall-back 2026 (25 October)', () => {
    const friday = at('2026-10-23T15:00:00+02:00');
    expect(stockholm(addWorkingDays(friday, 1))).toBe('2026-10-26T23:59:59+01:00');
    // 02:30 happens twice on the Sunday: both belong to the same local date.
    for (const iso of ['2026-10-25T02:30:00+02:00', '2026-10-25T02:30:00+01:00']) {
      expect(localDate(at(iso))).toBe('2026-10-25');
      expect(stockholm(endOfWorkingDay(at(iso)))).toBe('2026-10-26T23:59:59+01:00');
    }
  });

  it('refuses a negative or fractional number of days', () => {
    const monday = at('2026-03-16T10:00:00+01:00');
    expect(() => addWorkingDays(monday, -1)).toThrow(RangeError);
    expect(() => addWorkingDays(monday, 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays(new Date(Number.NaN), 1)).toThrow(RangeError);
  });

  it('property: lands at the end of a working day, never before the instant, strictly growing in n', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1995-01-01T00:00:00Z'),
          max: new Date('2095-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: 0, max: 20 }),
        (instant, n) => {
          const due = addWorkingDays(instant, n);
          const next = addWorkingDays(instant, n + 1);
          expect(isWorkingDay(localDate(due))).toBe(true);
          expect(endOfLocalDay(due).getTime()).toBe(due.getTime());
          expect(due.getTime()).toBeGreaterThanOrEqual(instant.getTime());
          expect(next.getTime()).toBeGreaterThan(due.getTime());
          expect(isWorkingDay(localDate(next))).toBe(true);
        },
      ),
    );
  });
});

describe('endOfLocalDay', () => {
  it('ends the 23-hour and 25-hour DST days at local midnight', () => {
    expect(stockholm(endOfLocalDay(at('2026-03-29T12:00:00+02:00')))).toBe(
      '2026-03-29T23:59:59+02:00',
    );
    expect(stockholm(endOfLocalDay(at('2026-10-25T01:30:00+02:00')))).toBe(
      '2026-10-25T23:59:59+01:00',
    );
  });
});

describe('addHours', () => {
  it('runs 72 real hours across spring-forward: 15:00 +01:00 Friday → 16:00 +02:00 Monday', () => {
    const start = at('2026-03-27T15:00:00+01:00');
    const due = addHours(start, 72);
    expect(stockholm(due)).toBe('2026-03-30T16:00:00+02:00');
    expect(due.getTime() - start.getTime()).toBe(72 * 3_600_000);
  });

  it('runs 72 real hours across fall-back: 15:00 +02:00 Friday → 14:00 +01:00 Monday', () => {
    const start = at('2026-10-23T15:00:00+02:00');
    expect(stockholm(addHours(start, 72))).toBe('2026-10-26T14:00:00+01:00');
  });

  it('refuses a non-finite number of hours or an invalid Date', () => {
    expect(() => addHours(at('2026-03-27T15:00:00+01:00'), Number.NaN)).toThrow(RangeError);
    expect(() => addHours(at('2026-03-27T15:00:00+01:00'), Infinity)).toThrow(RangeError);
    expect(() => addHours(new Date(Number.NaN), 1)).toThrow(RangeError);
  });

  it('property: is exactly hours × 3 600 000 ms of elapsed time', () => {
    fc.assert(
      fc.property(
        fc.date({ noInvalidDate: true, min: new Date(0), max: new Date('2100-01-01') }),
        fc.integer({ min: 0, max: 10_000 }),
        (instant, hours) => {
          expect(addHours(instant, hours).getTime() - instant.getTime()).toBe(hours * 3_600_000);
        },
      ),
    );
  });
});

describe('addCalendarDays and addCalendarMonths', () => {
  it('keeps the wall-clock time across a DST change (a 23-hour calendar day)', () => {
    const saturdayNoon = at('2026-03-28T12:00:00+01:00');
    const sundayNoon = addCalendarDays(saturdayNoon, 1);
    expect(stockholm(sundayNoon)).toBe('2026-03-29T12:00:00+02:00');
    expect(sundayNoon.getTime() - saturdayNoon.getTime()).toBe(23 * 3_600_000);
  });

  it('clamps to the end of a shorter month', () => {
    expect(stockholm(addCalendarMonths(at('2026-01-31T10:00:00+01:00'), 1))).toBe(
      '2026-02-28T10:00:00+01:00',
    );
    expect(stockholm(addCalendarMonths(at('2026-03-15T10:00:00+01:00'), 1))).toBe(
      '2026-04-15T10:00:00+02:00',
    );
  });

  it('refuses negative or fractional counts', () => {
    const start = at('2026-01-31T10:00:00+01:00');
    expect(() => addCalendarDays(start, -1)).toThrow(RangeError);
    expect(() => addCalendarMonths(start, 0.5)).toThrow(RangeError);
  });
});
