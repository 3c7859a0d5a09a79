/** Counters the sync service keeps about its own work; the /metrics of the inbound issue grows from here. */
export interface SyncStats {
  applied: number;
  duplicates: number;
  gaps: number;
  deadLetters: number;
  /** Wall-clock ms of the last batch handled, or 0. */
  lastAppliedAt: number;
}

export function emptySyncStats(): SyncStats {
  return { applied: 0, duplicates: 0, gaps: 0, deadLetters: 0, lastAppliedAt: 0 };
}
