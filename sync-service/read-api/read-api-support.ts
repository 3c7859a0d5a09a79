import type { Request, Response } from 'express';
import { z } from 'zod';

export function fail(response: Response, status: number, code: string, message: string): void {
  response.status(status).json({ error: { code, message } });
}

const uuid = z.uuid();

/** The `:id` route parameter as a UUID, or a 400 `INVALID_ID` answered and undefined. */
export function uuidParam(
  request: Request<{ id: string }>,
  response: Response,
  what: string,
): string | undefined {
  const { id } = request.params;
  if (uuid.safeParse(id).success) return id;
  fail(response, 400, 'INVALID_ID', `"${id}" is not ${what} id; expected a UUID.`);
  return undefined;
}

/** The oldest of the source times an answer is built from: the DBO never claims fresher data than it has. */
export function oldest(...stamps: readonly (Date | null | undefined)[]): string | null {
  const times = stamps.filter((s): s is Date => s instanceof Date).map((s) => s.getTime());
  return times.length === 0 ? null : new Date(Math.min(...times)).toISOString();
}
