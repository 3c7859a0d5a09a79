import type { SourceFreshness, SourceStatus } from '../freshness/source-freshness.ts';

/** The stamp every part of a read answer carries: how current it is, and how its source is doing. */
export interface FreshStamp {
  readonly asOf: Date;
  readonly source: SourceStatus;
}

/**
 * A cached row's `asOf` moved on to the last time its source was heard from (a row of a quiet
 * account is as current as the last successful ABS call), with the source's state, so the DBO can
 * say "balance as of 10:42, ABS unavailable" instead of showing an old time with no reason.
 */
export function freshStamp(freshness: SourceFreshness, source: string, rowAsOf: Date): FreshStamp {
  return { asOf: freshness.asOf(source, rowAsOf), source: freshness.status(source) };
}

/** The stamp as the answer shows it. */
export function stampJson(stamp: FreshStamp): { asOf: string; source: SourceStatus } {
  return { asOf: stamp.asOf.toISOString(), source: stamp.source };
}
