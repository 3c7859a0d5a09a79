import type { Request } from 'express';
import { z } from 'zod';
import { ApiError } from '../../infra/http/api-error.ts';
import { SYNC_ERRORS } from '../http/sync-errors.ts';

const uuid = z.uuid();

/** The `:id` route parameter as a UUID; else a 400 `INVALID_ID` is thrown. */
export function uuidParam(request: Request<{ id: string }>, what: string): string {
  const { id } = request.params;
  if (uuid.safeParse(id).success) return id;
  throw new ApiError(
    SYNC_ERRORS.INVALID_ID,
    `Failed to read ${what}: its id is not a UUID. Pass the id as a UUID.`,
  );
}

/** The oldest of the source times an answer is built from: the DBO never claims fresher data than it has. */
export function oldest(...stamps: readonly (Date | null | undefined)[]): string | null {
  const times = stamps.filter((s): s is Date => s instanceof Date).map((s) => s.getTime());
  return times.length === 0 ? null : new Date(Math.min(...times)).toISOString();
}
