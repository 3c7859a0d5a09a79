import { parseInstant } from './dates.ts';
import type { PageRequest } from './world-types.ts';

export const DEFAULT_PAGE_LIMIT = 100;
/** One avalanche message carries up to 10 000 postings; a page never needs more. */
export const MAX_PAGE_LIMIT = 10_000;

export interface PageWindow {
  readonly from: number;
  readonly to: number;
  readonly offset: number;
  readonly limit: number;
}

/** Reads a page request once, at the edge; a limit of 0 asks for the total alone. */
export function pageWindow(page: PageRequest = {}): PageWindow {
  const offset = page.offset ?? 0;
  const limit = page.limit ?? DEFAULT_PAGE_LIMIT;
  if (!Number.isInteger(offset) || offset < 0) {
    throw new RangeError(`Failed to read the page: offset ${offset} is not a non-negative integer.`);
  }
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_PAGE_LIMIT) {
    throw new RangeError(
      `Failed to read the page: limit ${limit} is outside 0..${MAX_PAGE_LIMIT}. Page further with offset.`,
    );
  }
  return {
    from:
      page.from === undefined ? Number.NEGATIVE_INFINITY : parseInstant(page.from, 'the page start (from)'),
    to: page.to === undefined ? Number.POSITIVE_INFINITY : parseInstant(page.to, 'the page end (to)'),
    offset,
    limit,
  };
}
