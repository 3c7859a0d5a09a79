/** Calendar arithmetic in UTC milliseconds: no time zones, so every machine derives the same instants. */
export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/**
 * `YYYY-MM-DD` by Howard Hinnant's days-to-civil algorithm: building a Date and calling
 * toISOString() was a fifth of the cost of deriving a client. Years 0..9999 only.
 */
export function isoDate(ms: number): string {
  const z = Math.floor(ms / DAY_MS) + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** `YYYY-MM-DDTHH:mm:ss.sssZ`, the same string Date#toISOString gives. */
export function isoDateTime(ms: number): string {
  const inDay = ms - Math.floor(ms / DAY_MS) * DAY_MS;
  const hours = Math.floor(inDay / HOUR_MS);
  const minutes = Math.floor((inDay % HOUR_MS) / 60_000);
  const seconds = Math.floor((inDay % 60_000) / 1000);
  return `${isoDate(ms)}T${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(inDay % 1000, 3)}Z`;
}

/** `DD.MM.YYYY`, the form Russian payment orders print. */
export function russianDate(ms: number): string {
  const [year, month, day] = isoDate(ms).split('-');
  return `${day}.${month}.${year}`;
}

export function startOfDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

export function yearOf(ms: number): number {
  return new Date(ms).getUTCFullYear();
}

/**
 * A date (`2024-03-01`, read as UTC midnight) or a date-time with its zone (`…T10:00:00Z`,
 * `…+03:00`). Date.parse alone would take `01.02.2020` as January 2nd and a zone-less time as the
 * machine's local time: either would page the wrong window without a word.
 */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

export function parseInstant(value: string, what: string): number {
  const ms = ISO_INSTANT.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new RangeError(
      `Failed to read ${what}: "${value}" is not an ISO date. Use e.g. 2024-03-01 or 2024-03-01T10:00:00Z.`,
    );
  }
  return ms;
}
