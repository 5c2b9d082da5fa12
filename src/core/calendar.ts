/**
 * The Swedish working-day calendar in Europe/Stockholm.
 *
 * Working-day deadline semantics (used by the Lex Sarah clocks):
 * - A day counts by its local date in Stockholm; a deadline is the *end* of a local day,
 *   23:59:59.999 local time, so the offset (+01:00 or +02:00) is the one that day really has.
 * - The effective day of receipt is the local date of the instant if that is a working day,
 *   otherwise the next working day: nobody is at work to act on a report that arrives on a
 *   Saturday, a holiday or a day treated as one (midsommarafton, julafton, nyårsafton).
 * - `addWorkingDays(x, 0)` is the end of the effective day of receipt ("the same working day");
 *   `addWorkingDays(x, n)` is the end of the n-th working day after it ("within n working days").
 *   So the result is always the end of a working day and grows strictly with n.
 * - The time of day does not matter: a report received at 23:30 on a working day is due
 *   "the same working day" at 23:59:59.999 that night. There is no office-hours cut-off.
 *
 * Hour clocks are elapsed time (`addHours`), never wall-clock time: 72 hours across the spring
 * DST change end one wall-clock hour later than the start's time of day.
 */
import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import type { Locale, LocalizedText } from './i18n.js';

/** The IANA time zone every local date and deadline of the product is computed in. */
export const STOCKHOLM = 'Europe/Stockholm';

const MS_PER_HOUR = 3_600_000;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

// Luxon numbers weekdays 1 (Monday) to 7 (Sunday); index 0 is unused.
const WEEKDAYS: Record<Locale, readonly string[]> = {
  sv: ['', 'måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag'],
  en: ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};

/**
 * Only `public` days and the three `bank` eves (midsommarafton, julafton, nyårsafton) are
 * non-working in Swedish practice; date-holidays' `observance` and `optional` days (påskafton,
 * annandag pingst, trettondagsafton …) are ordinary days.
 */
const holidaySource = new Holidays('SE', { types: ['public', 'bank'], timezone: STOCKHOLM });

// date-holidays evaluates its rules on every call; a year's list never changes, so keep it.
const holidaysByYear = new Map<number, ReadonlyMap<string, LocalizedText>>();

function holidaysOf(year: number): ReadonlyMap<string, LocalizedText> {
  const cached = holidaysByYear.get(year);
  if (cached) return cached;
  const english = new Map(
    holidaySource.getHolidays(year, 'en').map((h) => [h.date.slice(0, 10), h.name]),
  );
  const days = new Map<string, LocalizedText>();
  for (const h of holidaySource.getHolidays(year, 'sv')) {
    const date = h.date.slice(0, 10);
    // date-holidays lists each of these once; keep the first if a future version doubles one up.
    if (!days.has(date)) {
      days.set(date, { sv: capitalise(h.name), en: english.get(date) ?? h.name });
    }
  }
  holidaysByYear.set(year, days);
  return days;
}

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase('sv-SE') + text.slice(1);
}

function parseLocalDate(date: string): DateTime<true> {
  const parsed = LOCAL_DATE.test(date) ? DateTime.fromISO(date, { zone: STOCKHOLM }) : null;
  if (!parsed?.isValid) {
    throw new RangeError(`Not a local date (YYYY-MM-DD): ${date}`);
  }
  return parsed;
}

function inStockholm(instant: Date): DateTime<true> {
  const local = DateTime.fromJSDate(instant, { zone: STOCKHOLM });
  if (!local.isValid) {
    throw new RangeError('Invalid Date');
  }
  return local;
}

function requireWholeNonNegative(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a whole number ≥ 0, got ${value}`);
  }
}

function nonWorkingName(day: DateTime<true>): LocalizedText | null {
  const holiday = holidaysOf(day.year).get(day.toISODate());
  if (holiday) return holiday;
  if (day.weekday >= 6) {
    return { sv: capitalise(WEEKDAYS.sv[day.weekday] ?? ''), en: WEEKDAYS.en[day.weekday] ?? '' };
  }
  return null;
}

/** First working day on or after `day`, at the start of that local day. */
function firstWorkingDayFrom(day: DateTime<true>): DateTime<true> {
  let current = day.startOf('day');
  while (nonWorkingName(current) !== null) {
    current = current.plus({ days: 1 });
  }
  return current;
}

/** Whether a local date (YYYY-MM-DD) is a Swedish working day: Monday–Friday, no holiday or eve. */
export function isWorkingDay(date: string): boolean {
  return nonWorkingName(parseLocalDate(date)) === null;
}

/** Why a local date is not a working day (holiday name first, else the weekday), or null. */
export function nonWorkingDayName(date: string): LocalizedText | null {
  return nonWorkingName(parseLocalDate(date));
}

/** The local date (YYYY-MM-DD) of an instant in Stockholm. */
export function localDate(instant: Date): string {
  return inStockholm(instant).toISODate();
}

/** The Stockholm weekday of an instant: Swedish lower case ('torsdag'), English capitalised. */
export function weekdayName(instant: Date, locale: Locale): string {
  return WEEKDAYS[locale][inStockholm(instant).weekday] ?? '';
}

/** The last millisecond (23:59:59.999 local) of the instant's local day in Stockholm. */
export function endOfLocalDay(instant: Date): Date {
  return inStockholm(instant).endOf('day').toJSDate();
}

/** End of the instant's local day if it is a working day, else end of the next working day. */
export function endOfWorkingDay(instant: Date): Date {
  return addWorkingDays(instant, 0);
}

/**
 * End of the `days`-th working day after the effective day of receipt (see the module comment);
 * 0 gives the end of the effective day of receipt itself.
 */
export function addWorkingDays(instant: Date, days: number): Date {
  requireWholeNonNegative(days, 'days');
  let current = firstWorkingDayFrom(inStockholm(instant));
  for (let counted = 0; counted < days; counted += 1) {
    current = firstWorkingDayFrom(current.plus({ days: 1 }));
  }
  return current.endOf('day').toJSDate();
}

/** Elapsed time: exactly `hours` × 3 600 000 ms later, whatever the wall clock does at DST. */
export function addHours(instant: Date, hours: number): Date {
  if (!Number.isFinite(hours)) {
    throw new RangeError(`hours must be a finite number, got ${hours}`);
  }
  const start = instant.getTime();
  if (Number.isNaN(start)) {
    throw new RangeError('Invalid Date');
  }
  return new Date(start + hours * MS_PER_HOUR);
}

/** The same Stockholm wall-clock time `days` calendar days later (23 or 25 h over a DST day). */
export function addCalendarDays(instant: Date, days: number): Date {
  requireWholeNonNegative(days, 'days');
  return inStockholm(instant).plus({ days }).toJSDate();
}

/** The same Stockholm wall-clock time `months` later, clamped to the month's end (31 Jan → 28 Feb). */
export function addCalendarMonths(instant: Date, months: number): Date {
  requireWholeNonNegative(months, 'months');
  return inStockholm(instant).plus({ months }).toJSDate();
}
