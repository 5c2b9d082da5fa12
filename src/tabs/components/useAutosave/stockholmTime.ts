/**
 * Dates and times as the forms' inputs show them (Stockholm wall-clock time) and as the API
 * takes them (an ISO 8601 instant with its offset, the core's `instant`). The offset is the one
 * Stockholm has on that day (+01:00 in winter, +02:00 in summer), found with `Intl`, so the
 * browser's own time zone never matters and no calendar library enters the bundle.
 */

const TIME_ZONE = 'Europe/Stockholm';
const MS_PER_MINUTE = 60_000;

const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

interface WallClock {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

function wallClockAt(ms: number): WallClock {
  const parts: Record<string, string> = {};
  for (const part of wallClock.formatToParts(new Date(ms))) parts[part.type] = part.value;
  return {
    year: parts.year ?? '',
    month: parts.month ?? '',
    day: parts.day ?? '',
    hour: parts.hour ?? '',
    minute: parts.minute ?? '',
    second: parts.second ?? '',
  };
}

/** Stockholm's offset from UTC at an instant, in minutes (60 or 120). */
function offsetMinutesAt(ms: number): number {
  const w = wallClockAt(ms);
  const asUtc = Date.UTC(
    Number(w.year),
    Number(w.month) - 1,
    Number(w.day),
    Number(w.hour),
    Number(w.minute),
    Number(w.second),
  );
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / MS_PER_MINUTE);
}

function parseInstant(instant: string | undefined): number | undefined {
  if (instant === undefined) return undefined;
  const ms = Date.parse(instant);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The Stockholm date of an instant as a date input shows it (`2026-11-25`), or ''. */
export function localDateOf(instant: string | undefined): string {
  const ms = parseInstant(instant);
  if (ms === undefined) return '';
  const w = wallClockAt(ms);
  return `${w.year}-${w.month}-${w.day}`;
}

/** The Stockholm date and time of an instant as a datetime-local input shows it, or ''. */
export function localDateTimeOf(instant: string | undefined): string {
  const ms = parseInstant(instant);
  if (ms === undefined) return '';
  const w = wallClockAt(ms);
  return `${w.year}-${w.month}-${w.day}T${w.hour}:${w.minute}`;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/;

/**
 * The instant of a Stockholm date (`2026-11-25`, taken as its first minute) or date and time
 * (`2026-11-25T14:05`) from a date or datetime-local input, with Stockholm's offset on that day:
 * `2026-11-25T14:05:00+01:00`. Undefined for an empty or incomplete input.
 */
export function instantFromLocal(local: string): string | undefined {
  const match = LOCAL.exec(local);
  if (match === null) return undefined;
  const [, year, month, day, hour = '00', minute = '00'] = match;
  const asUtc = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
  );
  if (Number.isNaN(asUtc)) return undefined;
  // The offset at the wall-clock time, checked once more in case the guess crossed a DST change.
  const guess = offsetMinutesAt(asUtc);
  const offset = offsetMinutesAt(asUtc - guess * MS_PER_MINUTE);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${year ?? ''}-${month ?? ''}-${day ?? ''}T${hour}:${minute}:00${sign}${hh}:${mm}`;
}
