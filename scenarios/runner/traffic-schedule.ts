/** The kinds of source traffic a scenario schedules, in the order they go when due at the same ms. */
export type TrafficKind = 'posting' | 'crm-change' | 'mdm-change';

export interface ScheduledTraffic {
  readonly kind: TrafficKind;
  /** Scenario ms since the start of traffic. */
  readonly at: number;
}

/**
 * The source traffic of a scenario as a schedule on the scenario clock: the n-th item of a kind
 * at a rate of r per second is due at n / r seconds. `due(upTo)` hands out, in time order, every
 * item due up to `upTo` not handed out yet, so a late tick emits all it missed and the counts and
 * order never depend on how fast the machine ticks.
 */
export class TrafficSchedule {
  private readonly streams: Array<{ kind: TrafficKind; perSecond: number; next: number }>;

  constructor(rates: Readonly<Record<TrafficKind, number>>) {
    this.streams = (Object.keys(rates) as TrafficKind[])
      .filter((kind) => rates[kind] > 0)
      .map((kind) => ({ kind, perSecond: rates[kind], next: 1 }));
  }

  *due(upTo: number): Generator<ScheduledTraffic> {
    for (;;) {
      let first: (typeof this.streams)[number] | undefined;
      for (const stream of this.streams) {
        if (!first || dueAt(stream) < dueAt(first)) first = stream;
      }
      if (!first || dueAt(first) > upTo) return;
      const at = dueAt(first);
      first.next += 1;
      yield { kind: first.kind, at };
    }
  }
}

const dueAt = (stream: { perSecond: number; next: number }) => (stream.next * 1000) / stream.perSecond;
