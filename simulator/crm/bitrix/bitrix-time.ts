import type { Clock } from '../../../infra/clock.ts';

/**
 * Bitrix24 writes datetimes in the portal's time zone with an offset and no fractions
 * (`2024-08-15T10:38:21+03:00`), and reports every call's timing in a `time` block. Moscow (+180 min)
 * is the default portal zone: the bank's CRM is a Russian cloud portal.
 */
export const DEFAULT_PORTAL_OFFSET_MINUTES = 180;

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

export function atomDateTime(ms: number, offsetMinutes = DEFAULT_PORTAL_OFFSET_MINUTES): string {
  const local = new Date(ms + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const offset = Math.abs(offsetMinutes);
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(offset / 60))}:${pad(offset % 60)}`
  );
}

/** A calendar date shown as Bitrix shows date-only values: midnight in the portal zone. */
export function atomDate(isoDate: string, offsetMinutes = DEFAULT_PORTAL_OFFSET_MINUTES): string {
  return atomDateTime(Date.parse(`${isoDate}T00:00:00Z`) - offsetMinutes * 60_000, offsetMinutes);
}

/**
 * Reads what clients send for dates: ISO 8601 with or without an offset (without one it is portal
 * time) or the portal's own `dd.mm.yyyy[ hh:mm[:ss]]`. Undefined when it is not a date.
 */
export function parseBitrixDate(
  text: string,
  offsetMinutes = DEFAULT_PORTAL_OFFSET_MINUTES,
): number | undefined {
  const russian = /^(\d{2})\.(\d{2})\.(\d{4})(?:\s+(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  const iso = russian
    ? `${russian[3]}-${russian[2]}-${russian[1]}T${russian[4] ?? '00'}:${russian[5] ?? '00'}:${russian[6] ?? '00'}`
    : text.trim();
  if (!/^\d{4}-\d{2}-\d{2}/.test(iso)) return undefined;
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(iso);
  const withTime = iso.length === 10 ? `${iso}T00:00:00` : iso;
  const ms = Date.parse(hasZone ? withTime : `${withTime}Z`);
  if (Number.isNaN(ms)) return undefined;
  return hasZone ? ms : ms - offsetMinutes * 60_000;
}

/** The calendar date (portal zone) of a Bitrix datetime, for date-only neutral fields. */
export function portalDateOf(
  text: string,
  offsetMinutes = DEFAULT_PORTAL_OFFSET_MINUTES,
): string | undefined {
  const ms = parseBitrixDate(text, offsetMinutes);
  return ms === undefined ? undefined : atomDateTime(ms, offsetMinutes).slice(0, 10);
}

export interface BitrixTime {
  readonly start: number;
  readonly finish: number;
  readonly duration: number;
  readonly processing: number;
  readonly date_start: string;
  readonly date_finish: string;
  readonly operating_reset_at: number;
  readonly operating: number;
}

/** The `time` block of every answer, in the clock's (possibly compressed) time. */
export function timeBlock(
  startMs: number,
  clock: Clock,
  offsetMinutes = DEFAULT_PORTAL_OFFSET_MINUTES,
): BitrixTime {
  const finishMs = Math.max(clock.now(), startMs);
  const duration = (finishMs - startMs) / 1000;
  return {
    start: startMs / 1000,
    finish: finishMs / 1000,
    duration,
    processing: duration,
    date_start: atomDateTime(startMs, offsetMinutes),
    date_finish: atomDateTime(finishMs, offsetMinutes),
    // The operating limit (480 s of method time per 10 min) is not simulated: nothing is ever spent.
    operating_reset_at: Math.floor(startMs / 1000) + 600,
    operating: 0,
  };
}
