import { describe, expect, it } from 'vitest';
import { PubSubEventLog } from './pubsub-event-log.ts';
import { FIRST_REPLAY_ID } from './replay-ids.ts';

const HOUR = 60 * 60 * 1000;
const event = { topic: '/data/AccountChangeEvent', schemaId: 's', payload: Buffer.from('x') };

function harness(options: { maxEvents?: number } = {}) {
  let now = Date.UTC(2026, 0, 15);
  const log = new PubSubEventLog({ clock: { now: () => now }, ...options });
  const advance = (ms: number) => {
    now += ms;
  };
  return { log, advance };
}

describe('the Pub/Sub event log', () => {
  it('hands out increasing replay ids and resumes just after a stored one', () => {
    const { log } = harness();
    const [a, b, c] = [log.append(event), log.append(event), log.append(event)];
    expect(a.replayId < b.replayId && b.replayId < c.replayId).toBe(true);
    expect(log.positionAfter(a.replayId)).toEqual({ next: b.sequence });
    expect(log.positionAfter(FIRST_REPLAY_ID)).toEqual({ next: 0 });
    expect(log.positionAfter(c.replayId + 1000n)).toEqual({ refused: 'unknown' });
  });

  it('forgets events past 72 hours of clock time, and refuses their replay ids', () => {
    const { log, advance } = harness();
    const old = log.append(event);
    advance(72 * HOUR - 1);
    expect(log.positionAfter(old.replayId)).toEqual({ next: 1 });
    advance(2);
    const fresh = log.append(event);
    expect(log.positionAfter(old.replayId)).toEqual({ refused: 'expired' });
    expect(log.positionAfter(FIRST_REPLAY_ID)).toEqual({ refused: 'expired' });
    expect(log.start).toBe(fresh.sequence);
  });

  it('drops the oldest events past its size bound, as if they had expired', () => {
    const { log } = harness({ maxEvents: 2 });
    const first = log.append(event);
    log.append(event);
    log.append(event);
    expect(log.positionAfter(first.replayId)).toEqual({ refused: 'expired' });
    expect(log.read(0, 10, () => true).events.map((stored) => stored.sequence)).toEqual([1, 2]);
  });
});
